import Fluent
import Foundation
import LogisCore
import SQLKit

/// `cotation-recompute`: each scored request's cotation computed again for the day. Seniority
/// grows by the month and a new grid version comes into force on its date, so yesterday's score
/// may be stale without anyone touching the file. A request is saved only when its score, grid
/// version or pending criteria changed: the ranking rows (rewritten on each save) move only then.
struct CotationRecomputeJob: DailyJob {
    var name: String { "cotation-recompute" }

    /// The statuses whose score ranks them (`RankingTable.rankedStatuses`) or is shown to them.
    static let scored: [RequestStatus] = [.enregistree, .active, .enInstruction, .attribuee]

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        let query = HousingRequest.query(on: context.app.db).field(\.$id)
            .filter(\.$status ~~ Self.scored)
            .sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
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
