import Fluent

/// Each territory's réservataires (the État, Action Logement, a commune…) and their yearly flux
/// agreements with each bailleur: the share of the bailleur's vacancies of the year due to them
/// (DOMAIN.md §11, docs/rules/reservataires.md).
struct M0034CreateReservataires: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReservataireRecord.schema)
            .id()
            .field("territory_id", .uuid, .required, .references(Territory.schema, .id))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("commune_id", .uuid, .references(Commune.schema, .id))
            .field("organisation_id", .uuid, .references(Organisation.schema, .id))
            .unique(on: "territory_id", "name")
            .create()
        try await database.index(
            on: ReservataireRecord.schema, named: "reservataires_organisation", columns: ["organisation_id"])
        try await database.schema(FluxShareRecord.schema)
            .id()
            .field("reservataire_id", .uuid, .required, .references(ReservataireRecord.schema, .id))
            .field("bailleur_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("year", .int, .required)
            .field("share_basis_points", .int, .required)
            .field("public_agents_basis_points", .int)
            .unique(on: "reservataire_id", "year", "bailleur_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FluxShareRecord.schema).delete()
        try await database.schema(ReservataireRecord.schema).delete()
    }
}
