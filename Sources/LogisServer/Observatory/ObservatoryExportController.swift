import Foundation
import SQLKit
import Vapor

/// « Tous les chiffres (ZIP) » for those who steer: the export is built in the background
/// (`ObservatoryExports`), its page shows the progress and then the link. Only its author sees it.
struct ObservatoryExportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let exports = routes.grouped("observatoire", "exports")
        exports.post(use: start).access(ObservatoryController.steering)
        exports.get(":export", use: page).access(ObservatoryController.steering)
        exports.get(":export", "etat", use: state).access(ObservatoryController.steering)
        exports.get(":export", "fichier", use: download).access(ObservatoryController.steering)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let id: String
        let status: String
        let done: Int
        let total: Int
        let stale: Bool
        let back: String
    }

    struct State: Content {
        let status: String
        let done: Int
        let total: Int
    }

    /// The figures in clear only: a partner reading the public figures (a réservataire other than
    /// the État) is sent to the public page, as `/observatoire` sends them, and downloads there.
    struct PublicReader: Error {}

    private func scope(_ req: Request) async throws -> UUID? {
        guard case .full(let scope) = try await ObservatoryController.reading(req) else { throw PublicReader() }
        return scope
    }

    /// Runs `body`, or sends a reader of the public figures to the public page.
    private func steering(_ req: Request, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch is PublicReader {
            return req.redirect(to: "/observatoire/public", redirectType: .normal)
        }
    }

    func start(req: Request) async throws -> Response {
        try await steering(req) { try await startBuild(req) }
    }

    func page(req: Request) async throws -> Response {
        try await steering(req) { try await render(req).encodeResponse(for: req) }
    }

    func state(req: Request) async throws -> Response {
        try await steering(req) { try await currentState(req).encodeResponse(for: req) }
    }

    func download(req: Request) async throws -> Response {
        try await steering(req) { try await file(req) }
    }

    private func startBuild(_ req: Request) async throws -> Response {
        let filter = try await ObservatoryFilter.parse(req, scope: try await scope(req))
        let id = try await ObservatoryExports.start(
            filter: filter, account: try req.requireAccount().requireID(), app: req.application, day: req.today,
            now: req.now, on: try sql(req))
        return req.redirect(to: "/observatoire/exports/\(id.uuidString.lowercased())")
    }

    private func render(_ req: Request) async throws -> View {
        let export = try await find(req)
        let filter = try? JSONDecoder().decode(ObservatoryFilter.self, from: Data(export.filter.utf8))
        var back = "/observatoire?annee=\(filter?.year ?? req.today.year)"
        if let slug = filter?.territorySlug { back += "&territoire=\(slug)" }
        if let code = filter?.communeCode { back += "&commune=\(code)" }
        return try await req.view.render(
            "observatory/export",
            Page(
                layout: req.layoutContext(title: "Export des chiffres de l’observatoire"),
                id: export.id.uuidString.lowercased(), status: export.status.rawValue, done: export.done,
                total: export.total, stale: export.isStale(now: req.now), back: back))
    }

    private func currentState(_ req: Request) async throws -> State {
        let export = try await find(req)
        let status = export.isStale(now: req.now) ? ObservatoryExports.Status.failed : export.status
        return State(status: status.rawValue, done: export.done, total: export.total)
    }

    private func file(_ req: Request) async throws -> Response {
        let export = try await find(req)
        guard export.status == .done else {
            throw LogisError(
                .conflict, code: .exportInProgress,
                message: "Cet export n’est pas encore prêt : revenez dans un instant.")
        }
        let response = try await req.fileio.asyncStreamFile(
            at: ObservatoryExports.file(export.id, app: req.application))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"observatoire-chiffres.zip\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private func sql(_ req: Request) throws -> any SQLDatabase {
        guard let sql = req.db as? any SQLDatabase else { throw LogisError.notFound }
        return sql
    }

    /// The reader's own export; another's is « not found », as if it did not exist.
    private func find(_ req: Request) async throws -> ObservatoryExports.Export {
        _ = try await scope(req)
        guard let id = req.parameters.get("export", as: UUID.self),
            let export = try await ObservatoryExports.find(
                id, of: try req.requireAccount().requireID(), on: try sql(req))
        else { throw LogisError.notFound }
        return export
    }
}
