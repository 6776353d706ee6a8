import Foundation
import SQLKit
import XCTVapor

@testable import LogisServer

/// The key of the form tokens when no `LOGIS_SECRET_KEY` is set: generated once, kept in the
/// database, the same for every instance and after a restore.
final class ServerSecretTests: XCTestCase {
    var root = ""

    override func setUp() async throws {
        root = "var/tests/secret-\(UUID().uuidString)"
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func settings(_ name: String, key: String? = nil) -> Settings {
        var settings = TestApp.settings(sqlitePath: "\(root)/\(name)/logis.sqlite")
        settings.filesDirectory = "\(root)/\(name)/files"
        settings.secretKey = key
        return settings
    }

    func testTwoInstancesOnOneDatabaseAcceptEachOthersTokens() async throws {
        let shared = settings("partagee")
        let first = try await TestApp.make(shared)
        let second = try await TestApp.make(shared, resetDatabase: false)
        do {
            try await first.loadDemoData()
            var tab = BrowserTab(first)
            try await tab.open("connexion")
            // The same browser, sent to the other instance by the load balancer.
            tab = BrowserTab(second, cookies: tab.cookies, pageToken: tab.pageToken)
            let response = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password])
            XCTAssertEqual(response.status, .seeOther)
            let rows = try await storedRows(first)
            XCTAssertEqual(rows, 1)
        } catch {
            try? await first.asyncShutdown()
            try? await second.asyncShutdown()
            throw error
        }
        try await first.asyncShutdown()
        try await second.asyncShutdown()
    }

    func testInstancesStartingTogetherStoreOneKey() async throws {
        let app = try await TestApp.make(settings("course"))
        do {
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.delete(from: ServerSecret.table).run()
            async let first = ServerSecret.storedKey(on: app.db)
            async let second = ServerSecret.storedKey(on: app.db)
            let (one, other) = try await (first, second)
            XCTAssertEqual(one, other)
            XCTAssertEqual(one.count, 43)
            let rows = try await storedRows(app)
            XCTAssertEqual(rows, 1)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    func testKeyFromTheSettingsReplacesTheStoredOne() async throws {
        let stored = settings("stockee")
        let first = try await TestApp.make(stored)
        var configured = stored
        configured.secretKey = String(repeating: "z", count: ServerSecret.minimumLength)
        let second = try await TestApp.make(configured, resetDatabase: false)
        do {
            try await first.loadDemoData()
            var tab = BrowserTab(first)
            try await tab.open("connexion")
            tab = BrowserTab(second, cookies: tab.cookies, pageToken: tab.pageToken)
            let response = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password])
            XCTAssertEqual(response.status, .forbidden, "signed with another key")
        } catch {
            try? await first.asyncShutdown()
            try? await second.asyncShutdown()
            throw error
        }
        try await first.asyncShutdown()
        try await second.asyncShutdown()
    }

    func testRestoredBackupKeepsTheKey() async throws {
        guard TestApp.databaseURL == nil else { throw XCTSkip("logis backup ne concerne que SQLite") }
        let source = try await TestApp.make(settings("source"))
        let archive = "\(root)/sauvegarde.zip"
        let key: String
        do {
            key = try await ServerSecret.storedKey(on: source.db)
            _ = try await SQLiteBackup.create(app: source, to: archive)
        } catch {
            try? await source.asyncShutdown()
            throw error
        }
        try await source.asyncShutdown()
        let restoring = try await Application.make(.testing)
        do {
            try await configure(restoring, settings: settings("restauree"))
            _ = try await SQLiteRestore.restore(from: archive, app: restoring)
            let restored = try await ServerSecret.storedKey(on: restoring.db)
            XCTAssertEqual(restored, key)
        } catch {
            try? await restoring.asyncShutdown()
            throw error
        }
        try await restoring.asyncShutdown()
    }

    func testShortSecretKeyIsRefusedAtStart() throws {
        setenv("LOGIS_SECRET_KEY", "trop-court", 1)
        defer { unsetenv("LOGIS_SECRET_KEY") }
        XCTAssertThrowsError(try Settings(environment: .testing)) { error in
            XCTAssertTrue("\(error)".contains("LOGIS_SECRET_KEY"))
        }
        setenv("LOGIS_SECRET_KEY", String(repeating: "s", count: ServerSecret.minimumLength), 1)
        XCTAssertEqual(try Settings(environment: .testing).secretKey?.count, ServerSecret.minimumLength)
    }

    private func storedRows(_ app: Application) async throws -> Int {
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM server_secrets").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
