import Fluent

/// A paper request joins an applicant's account only with the one-time code printed on its
/// attestation: an e-mail typed on a form proves nothing about who owns the account.
struct M0011AddClaimCode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).field("claim_code_hash", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).deleteField("claim_code_hash").update()
    }
}
