import Fluent
import SQLKit

/// The grid versions an EPCI writes in Logis (issue 16 §1), beside the bundled grid files: a draft
/// may be edited or deleted, a published version never changes (a change is a new version, and
/// every score keeps the version it was computed with). One content per grid id and version, for
/// the bundled files and these rows alike (`CotationGridCatalog(validating:)`). Times are ISO 8601
/// text, so the same SQL runs on SQLite and PostgreSQL.
struct M0033CreateCotationGridVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            CREATE TABLE cotation_grid_versions (id UUID PRIMARY KEY, \
            territory_id UUID NOT NULL REFERENCES territories (id), grid_id VARCHAR(100) NOT NULL, \
            version INTEGER NOT NULL, content TEXT NOT NULL, status VARCHAR(12) NOT NULL, \
            effective_from VARCHAR(10), author_id UUID, created_at VARCHAR(40) NOT NULL, \
            updated_at VARCHAR(40) NOT NULL, published_at VARCHAR(40), \
            CONSTRAINT cotation_grid_versions_unique UNIQUE (grid_id, version))
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS cotation_grid_versions").run()
    }
}
