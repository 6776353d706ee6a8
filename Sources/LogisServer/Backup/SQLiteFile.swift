import FluentSQLiteDriver
import SQLKit
import Vapor

/// What the backup needs from SQLite itself: an online snapshot, row counts and an integrity check
/// of a file other than the configured database.
enum SQLiteFile {
    /// Writes a transactionally consistent copy of the configured database to `path` while the
    /// server may be writing: `VACUUM INTO` reads inside one read transaction, which WAL lets run
    /// beside writers, and the copy is compacted (no free pages, no WAL to carry along).
    static func snapshot(of database: any Database, into path: String) async throws {
        guard let sql = database as? any SQLDatabase else {
            throw BackupError(code: "not_sql", message: "La base configurée n’accepte pas les requêtes SQL.")
        }
        try await sql.raw("VACUUM INTO \(literal: path)").run()
    }

    /// Opens the SQLite file at `path` as a database of its own for the time of `body`, then closes it.
    static func withDatabase<T>(
        at path: String, app: Application, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let id = DatabaseID(string: "logis-file-\(UUID().uuidString)")
        app.databases.use(.sqlite(.file(path)), as: id, isDefault: false)
        defer { app.databases.reinitialize(id) }
        guard let sql = app.db(id) as? any SQLDatabase else {
            throw BackupError(code: "not_sql", message: "Le fichier \(path) ne s’ouvre pas comme une base SQLite.")
        }
        return try await body(sql)
    }

    /// Rows of every table, Fluent's own bookkeeping included: a restore must bring back all of it.
    static func tableCounts(_ sql: any SQLDatabase) async throws -> [String: Int] {
        let names = try await sql.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).all().map { try $0.decode(column: "name", as: String.self) }
        var counts: [String: Int] = [:]
        for name in names {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: name)").first()
            counts[name] = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    /// SQLite's own check of the pages and indexes; "ok" when the file is sound.
    static func quickCheck(_ sql: any SQLDatabase) async throws -> String {
        let row = try await sql.raw("PRAGMA quick_check").first()
        return try row?.decode(column: "quick_check", as: String.self) ?? ""
    }
}
