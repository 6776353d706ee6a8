import Fluent

/// The fingerprint of the grid version each score was computed with (`CotationGridFingerprint`).
struct M0018AddGridHash: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).field("grid_hash", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).deleteField("grid_hash").update()
    }
}
