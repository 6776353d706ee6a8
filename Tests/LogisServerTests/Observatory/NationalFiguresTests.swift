import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// Issue 16 (national scale): the figures over all territories are computed once a day and kept;
/// a territory's stay live.
final class NationalFiguresTests: XCTestCase {
    func pending(_ app: Application, _ query: String, token: String) async throws -> [String: Double?] {
        var rows: [String: Double?] = [:]
        try await app.send(
            .GET, "api/v1/stats/pending-by-typology\(query)",
            beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
        ) { res in
            XCTAssertEqual(res.status, .ok, res.body.string)
            let table = try res.content.decode(ObservatoryFixture.Table.self)
            rows = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.code, $0.values[0].value) })
        }
        return rows
    }

    func testTheNationalFiguresAreTheMorningsAndATerritorysStayLive() async throws {
        try await withApp(demo: true) { app in
            let clock = MovableClock(try CalendarDate(iso: "2026-06-15"))
            app.clock = clock.logisClock
            let admin = try await ObservatoryFiguresTests.adminToken(app)
            let pc = try await ObservatoryFixture.territory("petite-camargue", on: app.db)

            guard let sql = app.db as? any SQLDatabase else { throw XCTSkip("SQL database needed") }
            struct Count: Decodable { let n: Int }
            // Never computed yet (a new installation): the first reader computes and keeps it.
            _ = try await pending(app, "", token: admin)
            let first = try await sql.raw("SELECT COUNT(*) AS n FROM national_figures").first(decoding: Count.self)
            XCTAssertEqual(first?.n, 1)
            // The morning's job keeps the other national figures of the year.
            let report = try await JobSupport.run(NationalFiguresJob(), app)
            XCTAssertEqual(report.outcome, .done)
            let kept = try await sql.raw(
                "SELECT COUNT(*) AS n FROM national_figures WHERE day = '2026-06-15' AND year = 2026"
            ).first(decoding: Count.self)
            XCTAssertEqual(kept?.n, ObservatoryFigure.allCases.count, "every figure kept once")

            let nationalBefore = try await pending(app, "", token: admin)
            let territoryBefore = try await pending(app, "?territoire=petite-camargue", token: admin)
            // Five more T5 requests in the day: the territory sees them at once, the national
            // figure is the morning's until the next day.
            for _ in 1...5 {
                try await ObservatoryFixture.request(
                    app, pc, .active, filed: "2026-06-01", wishes: [ObservatoryFixture.vauvert], typology: "T5",
                    rfr: 10_000)
            }
            let territoryAfter = try await pending(app, "?territoire=petite-camargue", token: admin)
            XCTAssertEqual(
                (territoryAfter["T5"] ?? nil) ?? 0, ((territoryBefore["T5"] ?? nil) ?? 0) + 5, "a territory is live")
            let nationalSameDay = try await pending(app, "", token: admin)
            XCTAssertEqual(nationalSameDay, nationalBefore, "the national figure is the morning's")

            // The page says when the national figures were computed.
            let session = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "observatoire", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(
                    res.body.string.contains("les chiffres sont calculés une fois par jour : ceux-ci le 15/06/2026 à "),
                    res.body.string)
                XCTAssertFalse(
                    res.body.string.contains("<option value=\"30341\""),
                    "no commune of France offered before a territory is chosen")
            }

            // The next day, before the job, a reader gets the latest morning (a national register
            // takes minutes to count); after the job, the new figures.
            clock.set(try CalendarDate(iso: "2026-06-16"))
            let token = try await ObservatoryFiguresTests.adminToken(app)
            let nextDayEarly = try await pending(app, "", token: token)
            XCTAssertEqual(nextDayEarly, nationalBefore, "yesterday's morning until today's job")
            let report2 = try await JobSupport.run(NationalFiguresJob(), app)
            XCTAssertEqual(report2.outcome, .done)
            let nextDay = try await pending(app, "", token: token)
            XCTAssertEqual((nextDay["T5"] ?? nil) ?? 0, ((nationalBefore["T5"] ?? nil) ?? 0) + 5)
            let days = try await sql.raw("SELECT COUNT(DISTINCT day) AS n FROM national_figures").first(
                decoding: Count.self)
            XCTAssertEqual(days?.n, 2)

            // A week later the old mornings are removed.
            clock.set(try CalendarDate(iso: "2026-06-24"))
            _ = try await JobSupport.run(NationalFiguresJob(), app)
            struct Day: Decodable { let day: String? }
            let left = try await sql.raw("SELECT MIN(day) AS day FROM national_figures").first(decoding: Day.self)
            XCTAssertEqual(left?.day, "2026-06-24", "the mornings before 2026-06-17 are removed")
        }
    }

    /// A national answer is read, hidden and encoded once per kept morning and instance
    /// (`NationalFigureCache`): a change of the kept rows that keeps the morning's stamp is not
    /// seen, a new morning is at once.
    func testANationalAnswerIsBuiltOnceAMorning() async throws {
        try await withApp(demo: true) { app in
            guard let sql = app.db as? any SQLDatabase else { throw XCTSkip("SQL database needed") }
            let admin = try await ObservatoryFiguresTests.adminToken(app)
            let pc = try await ObservatoryFixture.territory("petite-camargue", on: app.db)
            for _ in 1...5 {
                try await ObservatoryFixture.request(
                    app, pc, .active, filed: "2026-06-01", wishes: [ObservatoryFixture.vauvert], typology: "T4",
                    rfr: 10_000)
            }
            _ = try await JobSupport.run(NationalFiguresJob(), app)
            let morning = try await pending(app, "", token: admin)
            XCTAssertEqual((morning["T4"] ?? nil) ?? 0, 5, "\(morning)")

            try await sql.raw(
                "UPDATE national_figures SET rows = \(bind: "T9\tT9\t42") WHERE figure = 'pending-by-typology'"
            ).run()
            let sameMorning = try await pending(app, "", token: admin)
            XCTAssertEqual(sameMorning, morning, "the morning's answer, as built the first time")

            try await sql.raw(
                "UPDATE national_figures SET computed_at = '2001-01-01T09:30:00Z' WHERE figure = 'pending-by-typology'"
            ).run()
            let newMorning = try await pending(app, "", token: admin)
            XCTAssertEqual(newMorning, ["T9": 42], "another morning kept: read again")
        }
    }
}

final class NationalFiguresTextTests: XCTestCase {
    func testKeptRowsReadBackAsTheyWereWithAbsentValuesAndStrayTabs() {
        let rows = [
            FigureRow(code: "30341", label: "Vauvert", values: [12, 37.5, nil]),
            FigureRow(code: "x", label: "Un\tnom\nsur deux lignes", values: [nil]),
            FigureRow(code: "", label: "Non renseignée", values: []),
        ]
        let back = NationalFigures.rows(of: NationalFigures.text(of: rows))
        XCTAssertEqual(back.map(\.code), ["30341", "x", ""])
        XCTAssertEqual(back.map(\.label), ["Vauvert", "Un nom sur deux lignes", "Non renseignée"])
        XCTAssertEqual(back.map(\.values), [[12, 37.5, nil], [nil], []])
    }
}
