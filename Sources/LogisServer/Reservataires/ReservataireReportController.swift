import Fluent
import LogisCore
import SQLKit
import Vapor

/// `/reservataires`: each réservataire's yearly report (flux due and delivered, the 25 % rules),
/// as a page, as CSV (`/reservataires/{id}/csv/flux|quotas`) and on the JSON API
/// (`/api/v1/stats/reservataires/…`); docs/rules/reservataires.md.
struct ReservataireReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("reservataires")
        pages.get(use: listPage).access(ReservataireScope.readers)
        pages.get(":reservataire", use: reportPage).access(ReservataireScope.readers)
        pages.get(":reservataire", "csv", ":table", use: csv).access(ReservataireScope.readers)
        let api = routes.grouped("api", "v1", "stats", "reservataires")
        api.get(use: listJSON).access(ReservataireScope.readers)
        api.get(":reservataire", use: reportJSON).access(ReservataireScope.readers)
    }

    struct Entry: Content {
        let id: UUID
        let name: String
        let kind: String
        let kindLabel: String
        let territory: String
    }

    static func entries(_ req: Request) async throws -> [Entry] {
        try await ReservataireScope.all(req).map { record in
            Entry(
                id: try record.requireID(), name: record.name, kind: record.kind,
                kindLabel: (try? record.holder().label) ?? record.kind, territory: record.territory.slug)
        }
    }

    /// The year (`annee`) as the observatory reads it, over the réservataire's own territory.
    static func report(_ req: Request, _ record: ReservataireRecord) async throws -> ReservataireReport {
        var filter = try await ObservatoryFilter.parse(req, scope: record.$territory.id)
        filter.communeCode = nil
        guard let sql = req.db as? any SQLDatabase else { throw LogisError.notFound }
        return try await ReservataireReportQueries(sql: sql, db: req.db, record: record, filter: filter).report()
    }

    func listJSON(req: Request) async throws -> [Entry] {
        try await Self.entries(req)
    }

    func reportJSON(req: Request) async throws -> Response {
        let report = try await Self.report(req, try await ReservataireScope.find(req))
        let response = Response(status: .ok)
        try response.content.encode(report, as: .json)
        return response
    }

    func listPage(req: Request) async throws -> View {
        try await ReservatairePages.list(req, entries: try await Self.entries(req))
    }

    func reportPage(req: Request) async throws -> View {
        let report = try await Self.report(req, try await ReservataireScope.find(req))
        return try await ReservatairePages.report(req, report)
    }

    func csv(req: Request) async throws -> Response {
        guard let table = req.parameters.get("table").flatMap(ReservataireCSV.Table.init(rawValue:)) else {
            throw LogisError.notFound
        }
        let record = try await ReservataireScope.find(req)
        // Read before the stream opens, so a bad filter is a 400, not a cut-off file.
        var filter = try await ObservatoryFilter.parse(req, scope: record.$territory.id)
        filter.communeCode = nil
        guard let sql = req.db as? any SQLDatabase else { throw LogisError.notFound }
        let queries = ReservataireReportQueries(sql: sql, db: req.db, record: record, filter: filter)
        return ReservataireCSV.response(table, queries: queries)
    }
}
