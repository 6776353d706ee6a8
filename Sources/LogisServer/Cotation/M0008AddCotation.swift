import Fluent

/// Cotation columns: the territory's grid, and on each request its score, the grid version that
/// produced it, the typology it is compared on, and the priorities set by social workers.
struct M0008AddCotation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Territory.schema).field("cotation_grid", .string).update()
        try await database.schema(HousingRequest.schema).field("score", .int).update()
        try await database.schema(HousingRequest.schema).field("grid_version", .int).update()
        try await database.schema(HousingRequest.schema).field("primary_typology", .string).update()
        try await database.schema(HousingRequest.schema).field("priorities", .string).update()
        try await database.schema(HousingRequest.schema).field("validated_criteria", .string).update()
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_similar",
            columns: ["territory_id", "primary_typology", "status", "score"])
    }

    func revert(on database: any Database) async throws {
        for field in ["score", "grid_version", "primary_typology", "priorities", "validated_criteria"] {
            try await database.schema(HousingRequest.schema).deleteField(.string(field)).update()
        }
        try await database.schema(Territory.schema).deleteField("cotation_grid").update()
    }
}
