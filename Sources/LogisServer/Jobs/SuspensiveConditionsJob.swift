import Fluent
import Foundation
import LogisCore
import SQLKit

/// `suspensive-conditions`: a conditional attribution whose piece was not received by its
/// deadline lapses the day after (`SuspensiveCondition.state`), through `SuspensiveConditions.lapse`.
struct SuspensiveConditionsJob: PagedDailyJob {
    var name: String { "suspensive-conditions" }

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        guard let sql = context.app.db as? any SQLDatabase else { return [] }
        struct Row: Decodable { let id: UUID }
        let after = cursor.map { SQLQueryString("AND id > \(bind: $0)") } ?? ""
        return try await sql.raw(
            """
            SELECT id FROM caleol_decisions WHERE code = \(bind: SuspensiveConditions.code) \
            AND deadline < \(bind: context.day.iso) AND condition_met_on IS NULL AND condition_lapsed_on IS NULL \
            \(after) ORDER BY id LIMIT \(literal: limit)
            """
        ).all(decoding: Row.self).map(\.id)
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        let lapsed = try await SuspensiveConditions.lapse(
            item, today: context.day, now: context.now, app: context.app, on: db)
        return lapsed ? 1 : 0
    }
}
