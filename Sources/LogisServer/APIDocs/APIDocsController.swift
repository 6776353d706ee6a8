import Foundation
import Vapor

/// The OpenAPI 3.1 description of the JSON API (`/api/openapi.json`, hand-written in
/// `Resources/OpenAPI/`) and a readable page of it (`/api`).
struct APIDocsController: RouteCollection {
    let document: Data

    init(resourcesDirectory: String) {
        let path = resourcesDirectory + "OpenAPI/openapi.json"
        document = FileManager.default.contents(atPath: path) ?? Data("{}".utf8)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "openapi.json", use: openAPI).access(.everyone)
        routes.get("api", use: page).access(.everyone)
    }

    func openAPI(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(data: document))
        response.headers.contentType = .json
        return response
    }

    struct Page: Encodable {
        struct Operation: Encodable {
            let method: String
            let path: String
            let summary: String
            let description: String
            let auth: Bool
        }

        struct Group: Encodable {
            let tag: String
            let operations: [Operation]
        }

        let layout: LayoutContext
        let title: String
        let version: String
        let groups: [Group]
    }

    func page(req: Request) async throws -> View {
        let spec = (try? JSONSerialization.jsonObject(with: document)) as? [String: Any] ?? [:]
        let info = spec["info"] as? [String: Any] ?? [:]
        let paths = spec["paths"] as? [String: [String: Any]] ?? [:]
        var groups: [String: [Page.Operation]] = [:]
        var order: [String] = (spec["tags"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        for path in paths.keys.sorted() {
            for method in ["get", "post", "put", "patch", "delete"] {
                guard let operation = paths[path]?[method] as? [String: Any] else { continue }
                let tag = (operation["tags"] as? [String])?.first ?? "Autres"
                if !order.contains(tag) { order.append(tag) }
                let security = operation["security"] as? [[String: Any]]
                groups[tag, default: []].append(
                    Page.Operation(
                        method: method.uppercased(), path: path, summary: operation["summary"] as? String ?? "",
                        description: operation["description"] as? String ?? "",
                        auth: !(security?.isEmpty ?? false)))
            }
        }
        let page = Page(
            layout: req.layoutContext(title: "API Logis"), title: info["title"] as? String ?? "API Logis",
            version: info["version"] as? String ?? "",
            groups: order.compactMap { tag in groups[tag].map { Page.Group(tag: tag, operations: $0) } })
        return try await req.view.render("api/index", page)
    }
}
