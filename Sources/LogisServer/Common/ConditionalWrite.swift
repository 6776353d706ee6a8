import Fluent
import Foundation
import SQLKit

/// A write that happens only if a row is still in the state the caller read, answered by the
/// database inside the caller's transaction: of two requests racing for the same change, one
/// gets `true` and the other `false`, whatever they both checked before.
enum ConditionalWrite {
    private struct Touched: Decodable { let id: UUID }

    /// Runs `UPDATE … WHERE …` with `RETURNING id`; true when a row was changed.
    static func update(_ statement: SQLQueryString, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.raw("\(statement) RETURNING id").all(decoding: Touched.self)
        return !rows.isEmpty
    }
}
