import Fluent

/// The day a desk received a paper form: the month to send the attestation runs from it
/// (CCH R441-2-4), not from the day an agent typed it in (docs/rules/calendars.md).
struct M0026AddPaperReceivedOn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).field("paper_received_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).deleteField("paper_received_on").update()
    }
}
