import Fluent
import SQLKit

/// Retention (docs/rules/retention.md): when a struck-off request was anonymised, and the indexes
/// the nightly `logis retention` reads through instead of scanning every request and audit line.
struct M0015AddRequestAnonymisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).field("anonymised_at", .datetime).update()
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_radiated", columns: ["radiated_at"])
        try await database.index(on: AuditEntry.schema, named: "audit_entries_occurred", columns: ["occurred_at"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS audit_entries_occurred").run()
        try await sql.raw("DROP INDEX IF EXISTS housing_requests_radiated").run()
        try await database.schema(HousingRequest.schema).deleteField("anonymised_at").update()
    }
}
