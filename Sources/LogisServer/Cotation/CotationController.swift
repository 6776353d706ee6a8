import Fluent
import LogisCore
import SQLKit
import Vapor

/// What CCH L441-2-8 lets an applicant see: the criteria and weights, their score line by line,
/// their position among similar requests, the average wait, their priority status and the
/// effect of refusing an offer.
struct CotationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("mon-espace", "cotation", use: page).access(.only(.demandeur))
        routes.get("api", "v1", "requests", ":reference", "cotation", use: api).access(.only(.demandeur))
    }

    func page(req: Request) async throws -> View {
        guard let request = try await RequestLookup.live(of: try req.requireAccount(), on: req.db),
            request.status.isRegistered
        else { throw RequestLookup.notFound }
        let view = try await CotationView.build(for: request, on: req)
        struct Page: Encodable {
            let layout: LayoutContext
            let cotation: CotationView
        }
        return try await req.view.render(
            "cotation/cotation", Page(layout: req.layoutContext(title: "Ma cotation"), cotation: view))
    }

    func api(req: Request) async throws -> CotationView {
        let request = try await RequestLookup.owned(
            req.parameters.get("reference") ?? "", by: try req.requireAccount(), on: req.db)
        guard request.status.isRegistered else { throw Attestation.notRegistered }
        return try await CotationView.build(for: request, on: req)
    }
}

struct CotationView: Content {
    struct Line: Content {
        let code: String
        let label: String
        let points: Int
        let counted: Bool
        let pendingValidation: Bool
        let detail: String?
    }

    let gridId: String
    let gridVersion: Int
    let gridLabel: String
    let total: Int
    let lines: [Line]
    let position: Int
    let similarCount: Int
    let typology: String?
    let averageWaitMonths: Double?
    /// « 10,9 » — the French decimal comma, for the page.
    let averageWaitLabel: String?
    let priority: [String]
    let refusalEffect: String

    static let noGrid = LogisError(
        .conflict, code: .noCotationGrid, message: "Votre territoire n’a pas encore publié de grille de cotation.")

    static func build(for request: HousingRequest, on req: Request) async throws -> CotationView {
        guard let grid = try await RequestCotation.grid(for: request, on: req.db, app: req.application) else {
            throw noGrid
        }
        if request.score == nil || request.gridVersion != grid.grid.version {
            try await RequestCotation.refresh(request, on: req.db, app: req.application)
        }
        let score = grid.score(
            try RequestCotation.facts(
                of: request, today: req.today,
                livesInTerritory: try await RequestCotation.livesInTerritory(request, on: req.db)))
        let (ahead, similarCount) = try await position(of: request, on: req.db)
        let wait = try await averageWait(like: request, on: req.db)
        return CotationView(
            gridId: grid.grid.id, gridVersion: grid.grid.version, gridLabel: grid.grid.label, total: score.total,
            lines: score.lines.map {
                Line(
                    code: $0.code, label: $0.label, points: $0.points, counted: $0.isCounted,
                    pendingValidation: $0.status == .pendingValidation, detail: $0.detail)
            },
            position: ahead + 1, similarCount: max(similarCount, 1), typology: request.primaryTypology,
            averageWaitMonths: wait, averageWaitLabel: wait.map { String($0).replacingOccurrences(of: ".", with: ",") },
            priority: try request.priorityCriteria().elements.map(\.label),
            refusalEffect: refusalEffect(grid.grid.refusals))
    }

    /// How many live requests of the same territory and main typology rank before this one
    /// (`RankingOrder`, counted by the database over an index), and how many there are in all.
    private static func position(of request: HousingRequest, on db: any Database) async throws -> (Int, Int) {
        guard let sql = db as? any SQLDatabase, let territory = request.$territory.id,
            let typology = request.primaryTypology, let score = request.score, let nud = request.nud,
            let filed = request.firstFiledOn.flatMap({ try? CalendarDate(iso: $0) })
        else { return (0, 1) }
        let mine = RankingOrder.Position(score: score, firstFiling: filed, nud: nud)
        struct Counts: Decodable {
            let ahead: Int?
            let total: Int
        }
        let similar: SQLQueryString = """
            FROM housing_requests WHERE territory_id = \(bind: territory) AND primary_typology = \(bind: typology) \
            AND status IN ('enregistree', 'active', 'en_instruction') AND score IS NOT NULL
            """
        let counts = try await sql.raw(
            "SELECT SUM(CASE WHEN \(RankingSQL.rankedBefore(mine)) THEN 1 ELSE 0 END) AS ahead, COUNT(*) AS total "
                + similar
        ).first(decoding: Counts.self)
        return (counts?.ahead ?? 0, counts?.total ?? 1)
    }

    /// Months between first filing and the lease, over requests of the same territory and
    /// typology that were satisfied; nil until there is at least one.
    /// One aggregate over `waited_months`, set when a request is satisfied (M0013).
    private static func averageWait(like request: HousingRequest, on db: any Database) async throws -> Double? {
        guard let sql = db as? any SQLDatabase, let territory = request.$territory.id,
            let typology = request.primaryTypology
        else { return nil }
        struct Average: Decodable {
            let months: Int?
            let count: Int
        }
        let row = try await sql.raw(
            """
            SELECT CAST(SUM(waited_months) AS BIGINT) AS "months", COUNT(waited_months) AS "count" \
            FROM housing_requests \
            WHERE territory_id = \(bind: territory) AND primary_typology = \(bind: typology) AND status = 'satisfaite'
            """
        ).first(decoding: Average.self)
        guard let row, row.count > 0, let months = row.months else { return nil }
        return (Double(months) / Double(row.count) * 10).rounded() / 10
    }

    static func refusalEffect(_ rule: RefusalRule?) -> String {
        guard let rule, rule.penaltyPerRefusal != 0 else {
            return "Refuser une proposition ne change pas votre cotation dans cette grille."
        }
        let free: String
        switch rule.freeRefusals {
        case 0: free = "Chaque refus d’une proposition adaptée"
        case 1: free = "Après un premier refus de proposition adaptée, chaque nouveau refus"
        default: free = "Au-delà de \(rule.freeRefusals) refus de propositions adaptées, chaque refus"
        }
        let cap = rule.maxPenalty.map { " (au plus \($0) points)" } ?? ""
        return "\(free) retire \(abs(rule.penaltyPerRefusal)) points à votre cotation\(cap)."
    }
}
