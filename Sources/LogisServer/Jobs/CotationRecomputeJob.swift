import Fluent
import Foundation
import LogisCore
import SQLKit

/// `cotation-recompute`: each scored request's cotation computed again for the day. Seniority
/// grows by the month and a new grid version comes into force on its date, so yesterday's score
/// may be stale without anyone touching the file. A request is saved only when its score, grid
/// version or pending criteria changed: the ranking rows (rewritten on each save) move only then.
struct CotationRecomputeJob: PagedDailyJob {
    var name: String { "cotation-recompute" }

    /// The statuses whose score ranks them (`RankingTable.rankedStatuses`) or is shown to them.
    static let scored: [RequestStatus] = [.enregistree, .active, .enInstruction, .attribuee]

    /// Pages of 2,000: each costs three statements, whatever its size (`handle(page:…)`).
    var pageSize: Int { 2_000 }

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        // A version published on another instance since this one last looked is in the run.
        if cursor == nil { try await context.app.cotationGridStore.reload(on: context.app.db) }
        guard let sql = context.app.db as? any SQLDatabase else { return [] }
        struct Row: Decodable { var id: UUID }
        let after: SQLQueryString = cursor.map { "AND id > \(bind: $0) " } ?? ""
        return try await sql.raw(
            """
            SELECT id FROM housing_requests WHERE status IN (\(SQLList(Self.scored.map { SQLBind($0.rawValue) }))) \
            \(after)ORDER BY id LIMIT \(literal: limit)
            """
        ).all(decoding: Row.self).map(\.id)
    }

    /// A page read as plain rows in one query (`CotationInputs`), the communes its applicants
    /// live in in one more, scored here, and every changed request written back in two statements
    /// (`CotationScores.store`).
    func handle(page items: [UUID], context: JobContext, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase, let first = items.first, let last = items.last else { return 0 }
        await context.app.cotationGridStore.refreshIfStale(on: db, logger: context.app.logger)
        let statuses = SQLList(Self.scored.map { SQLBind($0.rawValue) })
        let inputs = try await CotationInputs.read(
            "r.id >= \(bind: first) AND r.id <= \(bind: last) AND r.status IN (\(statuses))", on: sql)
        let decoder = JSONDecoder()
        let answers = try inputs.map { try decoder.decode(CotationAnswers.self, from: Data($0.answers.utf8)) }
        let communes = try await TerritoryCommuneNames.read(
            territories: Set(inputs.compactMap(\.territoryID)), postalCodes: Set(answers.compactMap(\.postalCode)),
            on: sql)
        let versions = context.app.cotationGridVersions
        var changes: [CotationScores.Change] = []
        for (input, answer) in zip(inputs, answers) {
            guard let grid = versions.inForce(input.cotationGrid ?? "", on: context.day) else { continue }
            let resident = input.territoryID.flatMap { communes[$0] }.map { answer.lives(in: $0) } ?? false
            let facts = try answer.facts(try input.columns(), today: context.day, livesInTerritory: resident)
            let change = CotationScores.Change(
                id: input.id, score: grid.total(facts), gridVersion: grid.grid.version,
                gridHash: CotationGridFingerprint.cached(grid.grid), pendingCriteria: grid.pendingValidationCount(facts)
            )
            if change.differs(
                score: input.score, gridVersion: input.gridVersion, gridHash: input.gridHash,
                pendingCriteria: input.pendingCriteria)
            {
                changes.append(change)
            }
        }
        let before = Dictionary(
            inputs.compactMap { row in row.score.map { (row.id, $0) } }, uniquingKeysWith: { first, _ in first })
        try await CotationScores.store(changes, before: before, on: sql)
        return 0
    }

    /// Returns 0: the job sends nothing. A changed score is visible in the request's row.
    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        guard let request = try await HousingRequest.find(item, on: db), Self.scored.contains(request.status) else {
            return 0
        }
        try await RequestCotation.recompute(request, on: context.day, app: context.app, db: db)
        return 0
    }
}
