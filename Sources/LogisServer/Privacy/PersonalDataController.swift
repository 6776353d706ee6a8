import Vapor

/// The applicant's download of all their data, from the espace personnel and from the API.
/// A GET: it changes nothing but the audit log, and a link is all a browser needs.
struct PersonalDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("mon-espace", "mes-donnees.zip", use: page).access(.only(.demandeur))
        routes.get("api", "v1", "account", "export.zip", use: api).access(.only(.demandeur))
    }

    func page(req: Request) async throws -> Response {
        try await PersonalDataExport.response(for: try req.requireAccount(), on: req, channel: "mon-espace")
    }

    func api(req: Request) async throws -> Response {
        try await PersonalDataExport.response(for: try req.requireAccount(), on: req, channel: "api")
    }
}
