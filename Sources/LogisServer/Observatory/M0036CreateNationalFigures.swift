import Fluent
import SQLKit

/// `national_figures`: the observatory's figures over all territories, one row per day, figure and
/// year, the rows as tab-separated lines and the instant as ISO 8601 text, read alike by both databases
/// (`NationalFigures`).
struct M0036CreateNationalFigures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            CREATE TABLE national_figures (day TEXT NOT NULL, figure TEXT NOT NULL, year INTEGER NOT NULL, \
            rows TEXT NOT NULL, computed_at TEXT NOT NULL, PRIMARY KEY (day, figure, year))
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE national_figures").run()
    }
}
