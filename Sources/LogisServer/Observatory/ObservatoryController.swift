import Fluent
import LogisCore
import SQLKit
import Vapor

/// `/observatoire`: the territory's figures for those who steer the policy (EPCI administrator,
/// the État's réservataire, platform administrator), `/observatoire/public` for everyone with
/// the small cells hidden; each figure also as CSV and on the JSON API (`/api/v1/stats/…`).
struct ObservatoryController: RouteCollection {
    /// The État's réservataire (préfecture) is a réservataire whose organisation holds the `etat`
    /// contingent; another réservataire reads the public figures (`reading`).
    static let steering = AccessPolicy.only(.epci, .reservataire, .admin)

    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("observatoire")
        pages.get(use: steeringPage).access(Self.steering)
        pages.get("csv", ":figure", use: steeringCSV).access(Self.steering)
        pages.get("public", use: publicPage).access(.everyone)
        pages.get("public", "csv", ":figure", use: publicCSV).access(.everyone)
        let api = routes.grouped("api", "v1", "stats")
        api.get(":figure", use: steeringJSON).access(Self.steering)
        api.get("public", ":figure", use: publicJSON).access(.everyone)
    }

    enum Reading: Equatable {
        /// Every figure in clear, over this territory (nil: all territories).
        case full(territory: UUID?)
        /// The public figures, small cells hidden.
        case publicOnly
    }

    /// An EPCI administrator reads its own territory, the État and the platform administrator every
    /// territory; a réservataire other than the État (Action Logement, a commune…) is a partner
    /// whose own attributions are in its report, and reads the public figures like anyone.
    static func reading(_ req: Request) async throws -> Reading {
        let account = try req.requireAccount()
        switch account.role {
        case .epci:
            return account.$territory.id.map { .full(territory: $0) } ?? .publicOnly
        case .reservataire:
            let organisation = try await account.$organisation.get(on: req.db)
            return organisation?.reservataireCode == Reservataire.etat.rawValue ? .full(territory: nil) : .publicOnly
        case .admin:
            return .full(territory: nil)
        default:
            throw LogisError.forbidden
        }
    }

    /// The same address on the public side, with the same filters.
    static func publicRedirect(_ req: Request, path: String) -> Response {
        let query = req.url.query.map { "?" + $0 } ?? ""
        return req.redirect(to: path + query, redirectType: .normal)
    }

    static func figure(_ req: Request) throws -> ObservatoryFigure {
        guard let figure = req.parameters.get("figure").flatMap(ObservatoryFigure.init(rawValue:)) else {
            throw LogisError.notFound
        }
        return figure
    }

    static func queries(_ req: Request, filter: ObservatoryFilter) throws -> ObservatoryQueries {
        guard let sql = req.db as? any SQLDatabase else { throw LogisError.notFound }
        return ObservatoryQueries(sql: sql, filter: filter)
    }

    /// The figure, and when it was computed if it is the morning's national one (`NationalFigures`).
    static func computedTable(
        _ figure: ObservatoryFigure, _ req: Request, filter: ObservatoryFilter, public isPublic: Bool
    ) async throws -> (table: FigureTable, computedAt: Date?) {
        let queries = try queries(req, filter: filter)
        if NationalFigures.covers(filter) {
            let kept = try await NationalFigures.table(
                figure, queries: queries, day: req.today, now: req.now, public: isPublic,
                cache: req.application.nationalFigureCache)
            return (kept.table, kept.computedAt)
        }
        return (
            FigureTable(figure: figure, rows: try await queries.rows(figure), filter: filter, public: isPublic), nil
        )
    }

    func steeringPage(req: Request) async throws -> Response {
        guard case .full(let scope) = try await Self.reading(req) else {
            return Self.publicRedirect(req, path: "/observatoire/public")
        }
        let filter = try await ObservatoryFilter.parse(req, scope: scope)
        return try await ObservatoryPage.render(req, filter: filter, scope: scope, public: false).encodeResponse(
            for: req)
    }

    func publicPage(req: Request) async throws -> View {
        let filter = try await ObservatoryFilter.parse(req, scope: nil)
        return try await ObservatoryPage.render(req, filter: filter, scope: nil, public: true)
    }

    func steeringCSV(req: Request) async throws -> Response {
        let figure = try Self.figure(req)
        guard case .full(let scope) = try await Self.reading(req) else {
            return Self.publicRedirect(req, path: "/observatoire/public/csv/\(figure.rawValue)")
        }
        let filter = try await ObservatoryFilter.parse(req, scope: scope)
        return FigureCSV.response(
            figure, queries: try Self.queries(req, filter: filter), day: req.today, now: req.now, public: false)
    }

    func publicCSV(req: Request) async throws -> Response {
        let figure = try Self.figure(req)
        let filter = try await ObservatoryFilter.parse(req, scope: nil)
        return FigureCSV.response(
            figure, queries: try Self.queries(req, filter: filter), day: req.today, now: req.now, public: true)
    }

    func steeringJSON(req: Request) async throws -> Response {
        let figure = try Self.figure(req)
        let reading = try await Self.reading(req)
        guard case .full(let scope) = reading else { return try await publicJSON(req: req) }
        let filter = try await ObservatoryFilter.parse(req, scope: scope)
        return try await Self.json(figure, req, filter: filter, public: false)
    }

    func publicJSON(req: Request) async throws -> Response {
        let figure = try Self.figure(req)
        let filter = try await ObservatoryFilter.parse(req, scope: nil)
        return try await Self.json(figure, req, filter: filter, public: true)
    }

    /// The figure's JSON answer; a national one is encoded once a morning (`NationalFigureCache`).
    static func json(
        _ figure: ObservatoryFigure, _ req: Request, filter: ObservatoryFilter, public isPublic: Bool
    ) async throws -> Response {
        let queries = try queries(req, filter: filter)
        guard NationalFigures.covers(filter) else {
            return try json(
                FigureTable(figure: figure, rows: try await queries.rows(figure), filter: filter, public: isPublic))
        }
        let cache = req.application.nationalFigureCache
        let kept = try await NationalFigures.table(
            figure, queries: queries, day: req.today, now: req.now, public: isPublic, cache: cache)
        let body = try cache.json(kept.key, stamp: kept.stamp, encode: { try json($0).body.buffer ?? ByteBuffer() })
        guard let body else { return try json(kept.table) }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    static func json(_ table: FigureTable) throws -> Response {
        let response = Response(status: .ok)
        try response.content.encode(table, as: .json)
        return response
    }
}
