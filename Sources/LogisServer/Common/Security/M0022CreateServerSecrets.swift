import Fluent

/// Secrets every instance must share, generated once by the first one to start (issue 15,
/// finding 12: the key that signs the form tokens). Kept in the database so that a backup, which
/// copies the whole file, restores them with the sessions they protect.
struct M0022CreateServerSecrets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ServerSecret.table)
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ServerSecret.table).delete()
    }
}
