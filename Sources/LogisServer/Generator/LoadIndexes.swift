import Foundation
import SQLKit

/// PostgreSQL keeps every secondary index of a table up to date row by row: during a large
/// load that costs most of the time (19 indexes on `housing_requests`, docs/PERFORMANCE.md). For
/// such a load the generator sets them aside and builds each once at the end, from sorted input.
///
/// Their definitions are written to `generator_set_aside_indexes` before they are dropped, so a
/// load killed midway still knows what to rebuild: the next run finds the rows, carries on
/// without dropping anything, and rebuilds them. Unique indexes (primary keys, the constraints
/// the writes rely on) are never set aside.
enum LoadIndexes {
    static let table = "generator_set_aside_indexes"
    static let tables = [HousingRequest.schema, RankingTable.name, RequestNameWords.table, "request_wishes"]

    private struct Definition: Decodable {
        let name: String
        let definition: String
    }

    /// Sets the tables' secondary indexes aside (PostgreSQL only); returns how many are aside.
    static func setAside(on sql: any SQLDatabase) async throws -> Int {
        guard sql.dialect.name == "postgresql" else { return 0 }
        try await sql.raw(
            "CREATE TABLE IF NOT EXISTS \(unsafeRaw: table) (name TEXT PRIMARY KEY, definition TEXT NOT NULL)"
        ).run()
        let names = SQLList(tables.map { SQLBind($0) })
        try await sql.raw(
            """
            INSERT INTO \(unsafeRaw: table) (name, definition) SELECT indexname, indexdef FROM pg_indexes \
            WHERE schemaname = current_schema() AND tablename IN (\(names)) AND indexdef NOT LIKE 'CREATE UNIQUE%' \
            ON CONFLICT (name) DO NOTHING
            """
        ).run()
        let aside = try await definitions(on: sql)
        for index in aside {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: index.name)").run()
        }
        return aside.count
    }

    /// Builds again every index set aside (after a load, or after a killed one), then forgets it.
    static func restore(on sql: any SQLDatabase, progress: ((String) -> Void)? = nil) async throws {
        guard sql.dialect.name == "postgresql", try await exists(on: sql) else { return }
        for index in try await definitions(on: sql) {
            progress?(index.name)
            try await sql.raw("DROP INDEX IF EXISTS \(ident: index.name)").run()
            try await sql.raw("\(unsafeRaw: index.definition)").run()
            try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE name = \(bind: index.name)").run()
        }
        for name in tables { try await sql.raw("ANALYZE \(ident: name)").run() }
    }

    static func pending(on sql: any SQLDatabase) async throws -> Int {
        guard sql.dialect.name == "postgresql", try await exists(on: sql) else { return 0 }
        return try await definitions(on: sql).count
    }

    private static func exists(on sql: any SQLDatabase) async throws -> Bool {
        struct Found: Decodable { let found: Int }
        let row = try await sql.raw(
            "SELECT COUNT(*) AS found FROM pg_tables WHERE schemaname = current_schema() AND tablename = \(bind: table)"
        ).first(decoding: Found.self)
        return (row?.found ?? 0) > 0
    }

    private static func definitions(on sql: any SQLDatabase) async throws -> [Definition] {
        try await sql.raw("SELECT name, definition FROM \(unsafeRaw: table) ORDER BY name").all(
            decoding: Definition.self)
    }
}
