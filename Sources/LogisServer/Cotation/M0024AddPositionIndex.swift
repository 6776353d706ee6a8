import Fluent
import SQLKit

/// The applicant's position among similar requests is one `COUNT` over the live requests of a
/// territory and typology, compared in ranking order (score, first filing, NUD). M0008's
/// `housing_requests_similar` found those rows but held neither their filing date nor their NUD,
/// so each counted row cost a read of the table (75 ms at 100,000 requests on PostgreSQL). The
/// index now holds every column the count reads: the count never leaves it.
struct M0024AddPositionIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS housing_requests_similar").run()
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_similar",
            columns: ["territory_id", "primary_typology", "status", "score", "first_filed_on", "nud"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS housing_requests_similar").run()
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_similar",
            columns: ["territory_id", "primary_typology", "status", "score"])
    }
}
