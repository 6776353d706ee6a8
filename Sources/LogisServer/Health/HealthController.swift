import SQLKit
import Vapor

/// `GET /healthz`: is the server up and can it reach its database?
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health).access(.everyone)
    }

    struct Health: Content {
        let status: String
        let database: String
        let version: String
        let reason: String?
    }

    func health(req: Request) async throws -> Response {
        let kind = req.application.logisSettings.databaseKind.rawValue
        do {
            guard let sql = req.db as? any SQLDatabase else { throw LogisError.databaseUnavailable }
            try await sql.raw("SELECT 1").run()
            let body = Health(status: "ok", database: kind, version: LogisVersion.current, reason: nil)
            return try await body.encodeResponse(status: .ok, for: req)
        } catch {
            let body = Health(
                status: "unavailable", database: kind, version: LogisVersion.current, reason: "database_unreachable")
            return try await body.encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
