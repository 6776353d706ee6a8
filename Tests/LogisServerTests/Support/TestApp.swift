import Fluent
import Foundation
import SQLKit
import Vapor
import XCTVapor

@testable import LogisServer

/// One helper for every database test: SQLite by default (a fresh file per test), PostgreSQL when
/// `DATABASE_URL` is set (the schema is dropped and migrated again so each test starts clean).
enum TestApp {
    static var databaseURL: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func settings(sqlitePath: String? = nil) -> Settings {
        let path = sqlitePath ?? "var/tests/\(UUID().uuidString).sqlite"
        var settings = Settings(databaseURL: databaseURL, sqlitePath: path, secureCookies: false, bcryptCost: 4)
        settings.secretKey = Browser.secretKey
        return settings
    }

    static func make(_ settings: Settings, resetDatabase: Bool = true) async throws -> Application {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: settings)
            if resetDatabase, settings.databaseKind == .postgres, let sql = app.db as? any SQLDatabase {
                // A clean schema whatever an earlier run left (a revert would trust its migrations).
                try await sql.raw("DROP SCHEMA public CASCADE").run()
                try await sql.raw("CREATE SCHEMA public").run()
            }
            try await app.prepareDatabase()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    static func removeFiles(of settings: Settings) {
        guard settings.databaseKind == .sqlite else { return }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: settings.sqlitePath + suffix)
        }
    }
}

/// Runs `body` against a freshly migrated application and always shuts it down.
func withApp(
    demo: Bool = false, _ body: (Application) async throws -> Void
) async throws {
    let settings = TestApp.settings()
    let app = try await TestApp.make(settings)
    do {
        if demo { try await app.loadDemoData() }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        TestApp.removeFiles(of: settings)
        throw error
    }
    try await app.asyncShutdown()
    TestApp.removeFiles(of: settings)
}
