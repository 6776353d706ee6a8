import Foundation
import SQLKit

/// Scores written back in bulk: the nightly recompute of a page of requests ends here. One
/// `UPDATE … FROM` a list of values for the requests, one more for the ranking rows of those whose
/// score moved — two statements a page where it took three a request.
enum CotationScores {
    /// A request's new cotation, as stored in its row.
    struct Change: Sendable, Equatable {
        var id: UUID
        var score: Int
        var gridVersion: Int
        var gridHash: String
        var pendingCriteria: Int

        /// Whether the row, as read, holds something else (nil: unknown, written).
        func differs(score: Int?, gridVersion: Int?, gridHash: String?, pendingCriteria: Int?) -> Bool {
            score != self.score || gridVersion != self.gridVersion || gridHash != self.gridHash
                || pendingCriteria != self.pendingCriteria
        }
    }

    /// Rows per statement: five binds each stays far under both databases' limits (SQLite's
    /// 32,766, PostgreSQL's 65,535).
    static let rowsPerStatement = 1_000

    /// Writes `changes`, the only writer of these columns; the ranking rows are rewritten only
    /// for a score that differs from `before` (the scores the changes were computed from).
    static func store(_ changes: [Change], before: [UUID: Int], on sql: any SQLDatabase) async throws {
        for start in stride(from: 0, to: changes.count, by: rowsPerStatement) {
            let chunk = changes[start..<min(start + rowsPerStatement, changes.count)]
            let rows = SQLList(
                chunk.map {
                    SQLGroupExpression([
                        SQLBind($0.id), SQLBind($0.score), SQLBind($0.gridVersion), SQLBind($0.gridHash),
                        SQLBind($0.pendingCriteria),
                    ])
                })
            try await sql.raw(
                """
                WITH v (id, score, grid_version, grid_hash, pending_criteria) AS (VALUES \(rows)) \
                UPDATE housing_requests SET score = v.score, grid_version = v.grid_version, \
                grid_hash = v.grid_hash, pending_criteria = v.pending_criteria \
                FROM v WHERE housing_requests.id = v.id
                """
            ).run()
            let moved = chunk.filter { before[$0.id] != $0.score }
            guard !moved.isEmpty else { continue }
            let scores = SQLList(moved.map { SQLGroupExpression([SQLBind($0.id), SQLBind($0.score)]) })
            try await sql.raw(
                """
                WITH v (id, score) AS (VALUES \(scores)) \
                UPDATE \(ident: RankingTable.name) SET score = v.score FROM v WHERE \(ident: RankingTable.name).request_id = v.id
                """
            ).run()
        }
    }
}
