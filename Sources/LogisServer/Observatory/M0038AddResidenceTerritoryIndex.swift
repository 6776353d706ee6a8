import Fluent
import SQLKit

/// The observatory's stock figures of a territory start from its résidences: without this index
/// PostgreSQL read all of them (200,000 at the scale issue's 5 million dwellings, 18 ms of the
/// 40 ms a figure took; docs/PERFORMANCE.md). PostgreSQL's default sample also guessed 72
/// dwellings per résidence where there are 25, and chose to scan; a larger sample of that column
/// gives it the right count (with `random_page_cost` 1.1, deploy/README.md: 6 ms).
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
