import Foundation
import XCTVapor

@testable import LogisServer

final class OpenAPIDocumentTests: XCTestCase {
    /// `GET /api/v1/requests/:reference` and `/api/v1/requests/{reference}` both become
    /// `GET /api/v1/requests/{}`: parameter names may differ, positions may not.
    static func normalise(_ method: String, _ path: String) -> String {
        let parts = path.split(separator: "/").map { part -> String in
            part.hasPrefix(":") || part.hasPrefix("{") ? "{}" : String(part)
        }
        return method.uppercased() + " /" + parts.joined(separator: "/")
    }

    func testEveryAPIRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        try await withApp { app in
            var body = Data()
            try await app.send(.GET, "api/openapi.json") { res in
                XCTAssertEqual(res.status, .ok)
                body = Data(buffer: res.body)
            }
            let spec = try XCTUnwrap(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            XCTAssertEqual((spec["openapi"] as? String)?.prefix(3), "3.1")
            let paths = try XCTUnwrap(spec["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, item) in paths {
                for method in ["get", "post", "put", "patch", "delete"] where item[method] != nil {
                    documented.insert(Self.normalise(method, path))
                }
            }
            let served = Set(
                app.routes.all.map { route in
                    Self.normalise(route.method.rawValue, "/" + route.path.map(\.description).joined(separator: "/"))
                }.filter { $0.contains(" /api/v1/") || $0.hasSuffix(" /healthz") })
            XCTAssertEqual(served.subtracting(documented).sorted(), [], "routes missing from openapi.json")
            XCTAssertEqual(documented.subtracting(served).sorted(), [], "documented routes that do not exist")
        }
    }

    func testTheAPIPageListsTheOperations() async throws {
        try await withApp { app in
            try await app.send(.GET, "api") { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("/api/v1/requests/{reference}/submit"))
                XCTAssertTrue(res.body.string.contains("/api/openapi.json"))
            }
        }
    }
}
