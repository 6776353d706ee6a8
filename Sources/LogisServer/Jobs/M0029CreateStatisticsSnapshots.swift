import Fluent
import SQLKit

/// The daily snapshot of the pending requests (issue 12 §1, for the observatory): how many live
/// requests each territory had that day, by status and first wished typology. A past day's count
/// cannot be read back from the requests, which move on; this table keeps it. One row per
/// (day, territory, status, typology): a second run of the day adds nothing.
struct M0029CreateStatisticsSnapshots: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            CREATE TABLE statistics_snapshots (day VARCHAR(10) NOT NULL, territory_id UUID NOT NULL, \
            status VARCHAR(20) NOT NULL, typology VARCHAR(8) NOT NULL, requests INTEGER NOT NULL, \
            PRIMARY KEY (day, territory_id, status, typology))
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS statistics_snapshots").run()
    }
}
