import Fluent

struct M0005CreateAuditEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_account_id", .uuid)
            .field("actor_role", .string)
            .field("action", .string, .required)
            .field("target_type", .string)
            .field("target_id", .string)
            .field("outcome", .string, .required)
            .field("reason", .string)
            .field("request_id", .string)
            .create()
        try await database.index(
            on: AuditEntry.schema, named: "audit_entries_target", columns: ["target_type", "target_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
