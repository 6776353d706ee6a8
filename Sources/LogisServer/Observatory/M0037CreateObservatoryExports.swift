import Fluent

/// `observatory_exports`: the ZIP files of all the figures an agent asked for, built in the
/// background (`ObservatoryExports`). Instants as seconds since 1970, read alike by both databases.
struct M0037CreateObservatoryExports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("observatory_exports")
            .id()
            .field("account_id", .uuid, .required)
            .field("filter", .string, .required)
            .field("status", .string, .required)
            .field("done", .int, .required)
            .field("total", .int, .required)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .create()
        try await database.index(
            on: "observatory_exports", named: "observatory_exports_account", columns: ["account_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("observatory_exports").delete()
    }
}
