import Fluent

struct M0001CreateTerritoryDirectory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Territory.schema)
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("epci_name", .string, .required)
            .field("departement", .string, .required)
            .field("zone", .string, .required)
            .field("summary", .string, .required)
            .field("phone", .string)
            .field("website", .string)
            .unique(on: "slug")
            .create()
        try await database.schema(Commune.schema)
            .id()
            .field("territory_id", .uuid, .required, .references(Territory.schema, .id))
            .field("name", .string, .required)
            .field("postal_code", .string, .required)
            .unique(on: "territory_id", "name")
            .create()
        try await database.schema(Guichet.schema)
            .id()
            .field("territory_id", .uuid, .required, .references(Territory.schema, .id))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("street", .string)
            .field("postal_code", .string)
            .field("city", .string, .required)
            .field("email", .string)
            .field("phone", .string)
            .field("hours", .string)
            .field("desk_code", .string)
            .field("notes", .string)
            .unique(on: "territory_id", "kind", "name")
            .create()
        try await database.schema(Organisation.schema)
            .id()
            .field("territory_id", .uuid, .required, .references(Territory.schema, .id))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("address", .string)
            .field("phone", .string)
            .field("website", .string)
            .field("notes", .string)
            .unique(on: "territory_id", "kind", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [Organisation.schema, Guichet.schema, Commune.schema, Territory.schema] {
            try await database.schema(schema).delete()
        }
    }
}
