import Fluent
import SQLKit

/// The channels each applicant chose in the espace personnel (issue 12), and the index of the
/// desk's print list (pending letters, oldest first). Written with the schema builder and plain
/// SQL only: the `ChannelPreference` model may gain fields later, a migration never reads it.
struct M0028AddMessageChannels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("channel_preferences")
            .field("account_id", .uuid, .identifier(auto: false), .references("accounts", "id", onDelete: .cascade))
            .field("main_channel", .string, .required)
            .field("sms", .bool, .required)
            .field("mobile", .string)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.index(
            on: "outbox_messages", named: "outbox_messages_print_list",
            columns: ["channel", "status", "created_at", "id"])
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS outbox_messages_print_list").run()
        }
        try await database.schema("channel_preferences").delete()
    }
}
