import XCTVapor

@testable import LogisServer

final class HealthTests: XCTestCase {
    struct Health: Decodable {
        let status: String
        let database: String
        let version: String
        let reason: String?
    }

    func testHealthReportsTheDatabaseInUse() async throws {
        try await withApp { app in
            try await app.send(.GET, "healthz") { res in
                XCTAssertEqual(res.status, .ok)
                let health = try res.content.decode(Health.self)
                XCTAssertEqual(health.status, "ok")
                XCTAssertEqual(health.database, TestApp.databaseURL == nil ? "sqlite" : "postgres")
                XCTAssertEqual(health.version, LogisVersion.current)
            }
        }
    }

    func testUnreachableDatabaseAnswers503() async throws {
        // Port 9 (discard) has no PostgreSQL: the connection is refused at once.
        let settings = Settings(
            databaseURL: "postgres://logis:logis@127.0.0.1:9/logis", sqlitePath: "unused", bcryptCost: 4)
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: settings)
            try await app.send(.GET, "healthz") { res in
                XCTAssertEqual(res.status, .serviceUnavailable)
                let health = try res.content.decode(Health.self)
                XCTAssertEqual(health.status, "unavailable")
                XCTAssertEqual(health.database, "postgres")
                XCTAssertEqual(health.reason, "database_unreachable")
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
