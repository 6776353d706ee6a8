import Fluent

/// The outbox (issue 12): one row per message, its idempotence key unique.
struct M0020CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("idempotence_key", .string, .required)
            .field("channel", .string, .required)
            .field("account_id", .uuid)
            .field("request_id", .uuid)
            .field("recipient", .string, .required)
            .field("template", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claimed_by", .uuid)
            .field("lease_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "idempotence_key")
            .create()
        // The sender's claim walks pending messages in due order.
        try await database.index(
            on: OutboxMessage.schema, named: "outbox_messages_due", columns: ["status", "next_attempt_at"])
        try await database.index(on: OutboxMessage.schema, named: "outbox_messages_request", columns: ["request_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
    }
}
