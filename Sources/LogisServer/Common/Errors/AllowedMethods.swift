import RoutingKit
import Vapor

/// Knows, for a path, which methods have a route, so a wrong method answers 405 instead of 404.
// The trie is filled once at start-up and only read afterwards, so sharing it between threads is safe.
struct AllowedMethods: @unchecked Sendable {
    private let router: TrieRouter<String>
    private let methodsByPath: [String: [String]]

    init(routes: [Route]) {
        let router = TrieRouter<String>()
        var methodsByPath: [String: [String]] = [:]
        for route in routes {
            let key = route.path.map(\.description).joined(separator: "/")
            if !route.path.isEmpty, methodsByPath[key] == nil { router.register(key, at: route.path) }
            methodsByPath[key, default: []].append(route.method.rawValue)
        }
        self.router = router
        self.methodsByPath = methodsByPath
    }

    func methods(forPath path: String) -> [String]? {
        var parameters = Parameters()
        let components = path.split(separator: "/").map(String.init)
        if components.isEmpty { return methodsByPath[""] }
        guard let key = router.route(path: components, parameters: &parameters) else { return nil }
        return methodsByPath[key]
    }
}

extension Application {
    private struct AllowedMethodsKey: StorageKey {
        typealias Value = AllowedMethods
    }

    var allowedMethods: AllowedMethods {
        get { storage[AllowedMethodsKey.self] ?? AllowedMethods(routes: []) }
        set { storage[AllowedMethodsKey.self] = newValue }
    }
}
