import Fluent
import SQLKit

/// Hands out the next NUD sequence number of a département and month. The increment is one
/// atomic UPDATE … RETURNING inside the caller's transaction: two submissions never get the same
/// number, and a failed submission rolls its number back, so the sequence has no gaps.
enum NUDCounter {
    static let table = "nud_counters"

    static func next(departement: String, month: Int, year: Int, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw LogisError.internalError }
        let key = "\(departement)-\(year)-\(month)"
        // The write comes first so SQLite takes its write lock at once (no read-then-upgrade deadlock).
        try await sql.raw(
            "INSERT INTO nud_counters (counter_key, last_value) VALUES (\(bind: key), 0) ON CONFLICT (counter_key) DO NOTHING"
        ).run()
        let row = try await sql.raw(
            "UPDATE nud_counters SET last_value = last_value + 1 WHERE counter_key = \(bind: key) RETURNING last_value"
        ).first()
        guard let value = try row?.decode(column: "last_value", as: Int.self) else { throw LogisError.internalError }
        return value
    }
}
