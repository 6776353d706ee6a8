import Fluent
import LogisCore
import SQLKit
import Vapor

/// The ranking table (DOMAIN.md §8): one row per (wished commune, live request), holding the
/// `RankingOrder` key and the `RankingRow` filters, under one index in ranking order. It is
/// rewritten in the same transaction as every save of a request (`RankingTableMiddleware`), so
/// the pre-selection reads only the rows it returns, whatever the number of requests.
enum RankingTable {
    static let name = "ranking_entries"

    /// Statuses that compete for a vacancy. `en_instruction` is already a candidate on one
    /// (DOMAIN.md §3), `attribuee` waits for its lease: neither is proposed again.
    static let rankedStatuses: Set<RequestStatus> = RequestStateMachine.waiting

    /// A row as stored; the coding keys are the table's column names.
    struct Entry: Codable, Equatable, Sendable {
        var requestID: UUID
        var territoryID: UUID
        var communeCode: String
        var score: Int
        var firstFiledOn: String
        var nud: String
        var wishedTypologies: Int64
        var roomyTypologies: Int64
        var eligibleFinancings: Int64
        var unjudgedFinancings: Int64
        var accessibilityNeed: Int
        var maximumRent: Int
        var actionLogement: Bool
        var priorities: Int64

        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
            case territoryID = "territory_id"
            case communeCode = "commune_code"
            case score
            case firstFiledOn = "first_filed_on"
            case nud
            case wishedTypologies = "wished_typologies"
            case roomyTypologies = "roomy_typologies"
            case eligibleFinancings = "eligible_financings"
            case unjudgedFinancings = "unjudged_financings"
            case accessibilityNeed = "accessibility_need"
            case maximumRent = "maximum_rent"
            case actionLogement = "action_logement"
            case priorities
        }
    }

    static let orderColumns = "commune_code, score DESC, first_filed_on, nud"

    static func create(on database: any Database) async throws {
        try await database.schema(name)
            .field("request_id", .uuid, .required)
            .field("territory_id", .uuid, .required)
            .field("commune_code", .string, .required)
            .field("score", .int, .required)
            .field("first_filed_on", .string, .required)
            .field("nud", .string, .required)
            .field("wished_typologies", .int64, .required)
            .field("roomy_typologies", .int64, .required)
            .field("eligible_financings", .int64, .required)
            .field("unjudged_financings", .int64, .required)
            .field("accessibility_need", .int, .required)
            .field("maximum_rent", .int, .required)
            .field("action_logement", .bool, .required)
            .field("priorities", .int64, .required)
            .unique(on: "commune_code", "request_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Ranking order first, then every filter column: the query is answered from the index alone.
        try await sql.raw(
            """
            CREATE INDEX ranking_entries_order ON ranking_entries (\(unsafeRaw: orderColumns), request_id, \
            wished_typologies, roomy_typologies, eligible_financings, unjudged_financings, accessibility_need, \
            maximum_rent, action_logement, territory_id)
            """
        ).run()
        try await database.index(on: name, named: "ranking_entries_request", columns: ["request_id"])
    }

    static func drop(on database: any Database) async throws {
        try await database.schema(name).delete()
    }

    /// The rows a request should have now: none unless it is registered, live and not anonymised.
    static func entries(
        for request: HousingRequest, context: RankingContext, on db: any Database
    ) async throws
        -> [Entry]
    {
        guard let territoryID = request.$territory.id, rankedStatuses.contains(request.status) else { return [] }
        return try entries(for: request, territory: try await context.territory(territoryID, on: db), context: context)
    }

    /// The rows, with the territory's facts already read (a batch reads them once per territory).
    static func entries(
        for request: HousingRequest, territory: RankingContext.TerritoryFacts, context: RankingContext
    ) throws -> [Entry] {
        guard let id = request.id, let territoryID = request.$territory.id, let nud = request.nud,
            rankedStatuses.contains(request.status), request.anonymisedAt == nil
        else { return [] }
        let facts = try context.facts(of: request, in: territory)
        let row = RankingRow(facts.candidate)
        return Set(facts.communeCodes).sorted().map { code in
            Entry(
                requestID: id, territoryID: territoryID, communeCode: code, score: row.score,
                firstFiledOn: row.firstFiling.iso, nud: nud, wishedTypologies: Int64(row.wishedTypologies),
                roomyTypologies: Int64(row.roomyTypologies), eligibleFinancings: Int64(row.eligibleFinancings),
                unjudgedFinancings: Int64(row.unjudgedFinancings), accessibilityNeed: row.accessibilityNeed,
                maximumRent: row.maximumRent, actionLogement: row.actionLogementEligible,
                priorities: Int64(row.priorities))
        }
    }

    /// Replaces the request's rows; call inside the transaction that saved the request.
    static func refresh(_ request: HousingRequest, context: RankingContext, on db: any Database) async throws {
        try await replace(request, with: try await entries(for: request, context: context, on: db), on: db)
    }

    static func replace(_ request: HousingRequest, with rows: [Entry], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, let id = request.id else { return }
        try await sql.delete(from: name).where("request_id", .equal, id).run()
        guard !rows.isEmpty else { return }
        try await sql.insert(into: name).models(rows).run()
    }

    static func remove(requestID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: name).where("request_id", .equal, requestID).run()
    }
}

/// What computing a row needs besides the request: the ceilings, the date, the territory's
/// zone and commune codes (read once per territory and call).
struct RankingContext: Sendable {
    let ceilings: CeilingsCatalog
    let today: CalendarDate

    struct TerritoryFacts: Sendable {
        let zone: Zone
        /// The INSEE codes of the territory's communes.
        let communeCodes: Set<String>
    }

    /// The request as the pre-selection sees it, with its territory's facts.
    func facts(of request: HousingRequest, in territory: TerritoryFacts) throws -> RequestRankingFacts {
        try RequestRankingFacts(
            request: request, communeCodes: territory.communeCodes, zone: territory.zone, ceilings: ceilings,
            today: today)
    }

    func territory(_ id: UUID, on db: any Database) async throws -> TerritoryFacts {
        guard let territory = try await Territory.find(id, on: db), let zone = Zone(code: territory.zone) else {
            throw RequestRankingFacts.Failure.unknownCode(field: "zone")
        }
        let communes = try await Commune.query(on: db).filter(\.$territory.$id == id).all()
        return TerritoryFacts(zone: zone, communeCodes: Set(communes.compactMap(\.inseeCode)))
    }
}

extension Application {
    var rankingContext: RankingContext { RankingContext(ceilings: ceilings, today: clock.today) }
}

/// Keeps the ranking table in step with every save of a request, in the saving transaction.
struct RankingTableMiddleware: AsyncModelMiddleware {
    let context: @Sendable () -> RankingContext

    func create(model: HousingRequest, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await RankingTable.refresh(model, context: context(), on: db)
    }

    func update(model: HousingRequest, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await RankingTable.refresh(model, context: context(), on: db)
    }

    func delete(
        model: HousingRequest, force: Bool, on db: any Database, next: any AnyAsyncModelResponder
    )
        async throws
    {
        if let id = model.id { try await RankingTable.remove(requestID: id, on: db) }
        try await next.delete(model, force: force, on: db)
    }
}
