import Foundation
import XCTVapor

@testable import LogisServer

/// Each figure on the fixture's small dataset equals the value computed by hand (see
/// `ObservatoryFixture` for the households and dates).
final class ObservatoryFiguresTests: XCTestCase {
    func figure(
        _ app: Application, _ path: String, as session: String
    ) async throws -> ObservatoryFixture.Table {
        var table: ObservatoryFixture.Table?
        try await app.send(
            .GET, "api/v1/stats/\(path)", beforeRequest: { $0.headers.bearerAuthorization = .init(token: session) }
        ) {
            res in
            XCTAssertEqual(res.status, .ok, res.body.string)
            table = try res.content.decode(ObservatoryFixture.Table.self)
        }
        return try XCTUnwrap(table)
    }

    static func adminToken(_ app: Application) async throws -> String {
        struct Token: Decodable { let token: String }
        var token = ""
        try await app.send(
            .POST, "api/v1/session",
            beforeRequest: { try $0.content.encode(["email": "admin@demo.logis.fr", "password": DemoData.password]) },
            afterResponse: { token = try $0.content.decode(Token.self).token })
        return token
    }

    func testStockFiguresCountTheTerritorysDwellings() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let admin = try await Self.adminToken(app)
            let pc = "?territoire=petite-camargue"
            let communes = try await figure(app, "stock-by-commune\(pc)", as: admin)
            XCTAssertEqual(communes.rows.map(\.code), ["30006", "30020", "30033", "30059", "30341"])
            XCTAssertEqual(communes.rows.map { $0.values[0].value }, [3, 2, 2, 2, 12])
            let bailleurs = try await figure(app, "stock-by-bailleur\(pc)", as: admin)
            XCTAssertEqual(bailleurs.values("SEMIGA"), [11])
            XCTAssertEqual(bailleurs.values("Habitat du Gard"), [5])
            XCTAssertEqual(bailleurs.values("Un Toit Pour Tous"), [5])
            let typologies = try await figure(app, "stock-by-typology\(pc)", as: admin)
            XCTAssertEqual(typologies.rows.map(\.code), ["T1", "T2", "T3", "T4", "T5"])
            XCTAssertEqual(typologies.rows.map { $0.values[0].value }, [2, 6, 8, 4, 1])
            let financing = try await figure(app, "stock-by-financing\(pc)", as: admin)
            XCTAssertEqual(financing.rows.map(\.label), ["PLAI", "PLS", "PLUS"])
            XCTAssertEqual(financing.rows.map { $0.values[0].value }, [6, 2, 13])
            let all = try await figure(app, "stock-by-commune", as: admin)
            XCTAssertEqual(all.values("62907"), [3], "without a territory, Libercourt too")
        }
    }

    func testPendingRequestsByWishedCommuneAndTypology() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let admin = try await Self.adminToken(app)
            let communes = try await figure(app, "pending-by-commune?territoire=petite-camargue", as: admin)
            XCTAssertEqual(communes.rows.map(\.code), ["30006", "30059", "30341"])
            XCTAssertEqual(
                communes.rows.map { $0.values[0].value }, [2, 1, 3], "a request counts in each wished commune")
            let typologies = try await figure(app, "pending-by-typology?territoire=petite-camargue", as: admin)
            XCTAssertEqual(typologies.rows.map(\.code), ["T2", "T3", "T4"])
            XCTAssertEqual(typologies.rows.map { $0.values[0].value }, [1, 3, 1])
        }
    }

    func testPressureAndWaitOfTheYearsAttributions() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let admin = try await Self.adminToken(app)
            let pressure = try await figure(app, "pressure?territoire=petite-camargue&annee=2026", as: admin)
            // 5 pending requests for 3 attributions in 2026: 1.666… → 1.7.
            XCTAssertEqual(pressure.rows.first?.values.map(\.value), [5, 3, 1.7])
            let wait = try await figure(app, "wait?territoire=petite-camargue&annee=2026", as: admin)
            // Waits of 424, 245 and 100 days: median 245, mean 769 / 3 = 256.3.
            XCTAssertEqual(wait.rows.first?.values.map(\.value), [3, 245, 256.3])
            let lastYear = try await figure(app, "wait?territoire=petite-camargue&annee=2025", as: admin)
            // A0: 2024-01-01 → 2025-12-15, 714 days.
            XCTAssertEqual(lastYear.rows.first?.values.map(\.value), [1, 714, 714])
        }
    }

    func testAttributionsByIncomeQuartileAndToPriorityPublics() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let admin = try await Self.adminToken(app)
            // Thresholds from the 4 known pending incomes (8, 12, 16, 20 k€): 12 000, 16 000, 20 000.
            let quartiles = try await figure(
                app, "attributions-by-quartile?territoire=petite-camargue&annee=2026", as: admin)
            XCTAssertEqual(quartiles.values("q1"), [1, 33.3], "A1: 6 000 €")
            XCTAssertEqual(quartiles.values("q2"), [1, 33.3], "A2: 30 000 € for 3 persons, 15 000 per unit")
            XCTAssertEqual(quartiles.values("q3"), [0, 0])
            XCTAssertEqual(quartiles.values("q4"), [0, 0])
            XCTAssertEqual(quartiles.values("unknown"), [1, 33.3])
            let priority = try await figure(
                app, "attributions-to-priority?territoire=petite-camargue&annee=2026", as: admin)
            XCTAssertEqual(priority.values("priority"), [1, 33.3])
            XCTAssertEqual(priority.values("other"), [2, 66.7])
        }
    }

    func testRenewalsAndStrikeOffsPerMonth() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let admin = try await Self.adminToken(app)
            let monthly = try await figure(
                app, "renewals-and-strike-offs?territoire=petite-camargue&annee=2026", as: admin)
            XCTAssertEqual(monthly.rows.count, 12)
            XCTAssertEqual(monthly.values("2026-03"), [2, 0], "Libercourt's renewal is not counted")
            XCTAssertEqual(monthly.values("2026-05"), [0, 1])
            XCTAssertEqual(monthly.rows.compactMap { $0.values[0].value }.reduce(0, +), 2)
            XCTAssertEqual(monthly.rows.first?.label, "janvier 2026")
            XCTAssertEqual(
                monthly.values("2026-07"), [nil, nil], "the clock is in June: months to come are empty, not 0")
            let everywhere = try await figure(app, "renewals-and-strike-offs?annee=2026", as: admin)
            XCTAssertEqual(everywhere.values("2026-03"), [3, 0])
            let before = try await figure(
                app, "renewals-and-strike-offs?territoire=petite-camargue&annee=2025", as: admin)
            XCTAssertEqual(before.values("2025-12"), [1, 0])
        }
    }

    func testACommuneFilterNarrowsEveryFigure() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let admin = try await Self.adminToken(app)
            let vauvert = "territoire=petite-camargue&commune=30341&annee=2026"
            let stock = try await figure(app, "stock-by-bailleur?\(vauvert)", as: admin)
            XCTAssertEqual(stock.rows.map(\.code), ["Habitat du Gard", "SEMIGA"])
            XCTAssertEqual(stock.rows.map { $0.values[0].value }, [3, 9])
            let typologies = try await figure(app, "pending-by-typology?\(vauvert)", as: admin)
            XCTAssertEqual(typologies.rows.map { $0.values[0].value }, [1, 1, 1], "P1, P2, P4 wish Vauvert")
            let pressure = try await figure(app, "pressure?\(vauvert)", as: admin)
            XCTAssertEqual(pressure.rows.first?.values.map(\.value), [3, 2, 1.5], "A1 and A3 in Vauvert")
            let wait = try await figure(app, "wait?\(vauvert)", as: admin)
            XCTAssertEqual(wait.rows.first?.values.map(\.value), [2, 262, 262], "(424 + 100) / 2")
            let monthly = try await figure(app, "renewals-and-strike-offs?\(vauvert)", as: admin)
            XCTAssertEqual(monthly.values("2026-03"), [1, 0], "P2 wishes Vauvert, P3 does not")
        }
    }

    func testABadFilterIsAFrenchErrorNotAServerError() async throws {
        try await withApp(demo: true) { app in
            let admin = try await Self.adminToken(app)
            for query in [
                "annee=1850", "annee=2101", "annee=deux-mille", "annee=+2026", "annee=", "commune=<script>",
                "commune=123456",
            ] {
                try await app.send(
                    .GET, "api/v1/stats/pressure?\(query)",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: admin) }
                ) { res in
                    XCTAssertEqual(res.status, .badRequest, query)
                    XCTAssertTrue(res.body.string.contains("invalid_statistics_filter"), query)
                }
            }
            try await app.send(.GET, "api/v1/stats/public/pressure?territoire=atlantide") { res in
                XCTAssertEqual(res.status, .notFound)
                XCTAssertTrue(res.body.string.contains("territory_not_found"))
            }
            try await app.send(.GET, "api/v1/stats/public/nothing") { res in
                XCTAssertEqual(res.status, .notFound)
            }
        }
    }
}
