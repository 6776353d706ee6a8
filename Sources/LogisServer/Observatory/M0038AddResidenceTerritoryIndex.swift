import Fluent
import SQLKit

/// The observatory's stock figures of a territory start from its résidences: without this index
/// PostgreSQL read all of them (200,000 at the scale issue's 5 million dwellings, 18 ms of the
/// 40 ms a figure took; docs/PERFORMANCE.md).
struct M0038AddResidenceTerritoryIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.index(
            on: "residences", named: "residences_territory", columns: ["territory_id", "commune_id"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX residences_territory").run()
    }
}
