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

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        // A version published on another instance since this one last looked is in the run.
        if cursor == nil { try await context.app.cotationGridStore.reload(on: context.app.db) }
        let query = HousingRequest.query(on: context.app.db).field(\.$id)
            .filter(\.$status ~~ Self.scored)
            .sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
    }

    /// A page of requests read in one query, their territories' communes in one more.
    func handle(page items: [UUID], context: JobContext, on db: any Database) async throws -> Int {
        let requests = try await HousingRequest.query(on: db).filter(\.$id ~~ items)
            .filter(\.$status ~~ Self.scored).with(\.$territory).all()
        // One query for the page's territories: a page of ids spans up to 200 of them nationally.
        let territories = Array(Set(requests.compactMap { $0.$territory.id }))
        let communes = Dictionary(
            grouping: try await Commune.query(on: db).filter(\.$territory.$id ~~ territories).all(),
            by: { $0.$territory.id })
        for request in requests {
            let resident = request.$territory.id.flatMap { communes[$0] }.map {
                RequestCotation.lives(in: $0, form: request.form)
            }
            try await RequestCotation.recompute(
                request, on: context.day, app: context.app, db: db, livesInTerritory: resident)
        }
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
