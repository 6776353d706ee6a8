import Fluent
import Foundation
import SQLKit

/// Single-use links (password reset, address confirmation) and the confirmation date of each
/// account (issue 12 §4). Accounts that exist already were created before sign-up asked for a
/// confirmation: they count as confirmed, so nobody is locked out by this migration.
struct M0021CreateAccountTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AccountToken.schema)
            .id()
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        // A new link ends the earlier ones of the same account and purpose.
        try await database.index(
            on: AccountToken.schema, named: "account_tokens_account", columns: ["account_id", "purpose"])
        try await database.schema(Account.schema).field("email_confirmed_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE accounts SET email_confirmed_at = COALESCE(created_at, \(bind: Date()))").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).deleteField("email_confirmed_at").update()
        try await database.schema(AccountToken.schema).delete()
    }
}
