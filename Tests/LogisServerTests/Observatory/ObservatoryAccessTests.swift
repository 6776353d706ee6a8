import Fluent
import Foundation
import SQLKit
import XCTVapor

@testable import LogisServer

/// Who reads what: the full figures for the EPCI (its territory), the État and the platform
/// administrator; the public page and its CSV for anyone, with every cell under 5 households hidden.
final class ObservatoryAccessTests: XCTestCase {
    func testAnApplicantIsRefusedAndAnotherReservataireSentToThePublicFigures() async throws {
        try await withApp(demo: true) { app in
            for email in ["demandeur@demo.logis.fr", "bailleur@demo.logis.fr"] {
                let session = try await Browser.signIn(app, email: email, password: DemoData.password)
                try await app.send(.GET, "observatoire", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                    XCTAssertEqual(res.status, .forbidden, email)
                }
                try await app.send(
                    .GET, "observatoire/csv/pressure", beforeRequest: { Browser.withSession(&$0, session) }
                ) { res in
                    XCTAssertEqual(res.status, .forbidden, email)
                }
            }
            // The demo réservataire is Action Logement, not the État.
            let partner = try await Browser.signIn(
                app, email: "reservataire@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "observatoire?annee=2026", beforeRequest: { Browser.withSession(&$0, partner) }
            ) { res in
                XCTAssertEqual(res.status, .seeOther)
                XCTAssertEqual(res.headers.first(name: .location), "/observatoire/public?annee=2026")
            }
            try await app.send(.GET, "api/v1/stats/pressure") { res in
                XCTAssertEqual(res.status, .unauthorized)
            }
        }
    }

    func testTheEtatsReservataireReadsEveryTerritoryInClear() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let actionLogement = try await Organisation.query(on: app.db).filter(\.$name == "Action Logement").first()
            actionLogement?.reservataireCode = "etat"
            try await actionLogement?.save(on: app.db)
            let etat = try await Browser.signIn(app, email: "reservataire@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "observatoire?territoire=petite-camargue&annee=2026",
                beforeRequest: { Browser.withSession(&$0, etat) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("<th scope=\"row\">Vauvert</th><td class=\"number\">3</td>"))
                XCTAssertTrue(res.body.string.contains(">Libercourt</option>"), "every territory is offered")
            }
        }
    }

    func testTheEpciReadsItsOwnTerritoryOnly() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let epci = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "observatoire?annee=2026", beforeRequest: { Browser.withSession(&$0, epci) }) {
                res in
                XCTAssertEqual(res.status, .ok)
                let page = res.body.string
                XCTAssertTrue(page.contains("<label for=\"commune\">Commune</label>"))
                XCTAssertTrue(page.contains("role=\"img\""))
                XCTAssertTrue(page.contains("<title id=\"graphique-pressure-titre\">Pression de la demande</title>"))
                XCTAssertFalse(page.contains(">Libercourt</option>"), "only its territory is offered")
                // Full figures: Vauvert's 3 pending requests are shown as they are.
                XCTAssertTrue(page.contains("<th scope=\"row\">Vauvert</th><td class=\"number\">3</td>"), page)
                XCTAssertTrue(page.contains("<polyline"), "the monthly series is a line")
            }
            try await app.send(
                .GET, "observatoire?territoire=libercourt", beforeRequest: { Browser.withSession(&$0, epci) }
            ) { res in
                XCTAssertEqual(res.status, .forbidden)
            }
        }
    }

    func testThePublicPageWorksWithoutSignInAndHidesSmallCells() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            try await app.send(.GET, "observatoire/public?territoire=petite-camargue&annee=2026") { res in
                XCTAssertEqual(res.status, .ok)
                let page = res.body.string
                XCTAssertTrue(page.contains("<th scope=\"row\">Vauvert</th><td class=\"number\">&lt; 5</td>"), page)
                XCTAssertFalse(page.contains("<th scope=\"row\">Vauvert</th><td class=\"number\">3</td>"))
                // The stock is public data (RPLS): Vauvert's 12 dwellings stay.
                XCTAssertTrue(page.contains("<th scope=\"row\">Vauvert</th><td class=\"number\">12</td>"))
                XCTAssertTrue(page.contains("Vauvert : &lt; 5"), "the chart's text alternative hides it too")
            }
            try await app.send(.GET, "api/v1/stats/public/wait?territoire=petite-camargue&annee=2026") { res in
                XCTAssertEqual(res.status, .ok)
                let table = try res.content.decode(ObservatoryFixture.Table.self)
                XCTAssertTrue(table.smallCellsHidden)
                XCTAssertEqual(
                    table.rows.first?.values.map(\.suppressed), [true, true, true],
                    "3 attributions: a median would point at a household")
                XCTAssertEqual(table.rows.first?.values.map(\.value), [nil, nil, nil])
            }
        }
    }

    func testTheCSVIsUTF8WithSemicolonsAndTheDocumentedColumns() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let admin = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "observatoire/csv/renewals-and-strike-offs?territoire=petite-camargue&annee=2026",
                beforeRequest: { Browser.withSession(&$0, admin) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(res.headers.contentType?.description, "text/csv; charset=utf-8")
                XCTAssertTrue(res.headers.first(name: .contentDisposition)?.contains("attachment") ?? false)
                let bytes = Array(res.body.readableBytesView)
                XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "byte-order mark for Excel")
                let text = try XCTUnwrap(String(bytes: bytes.dropFirst(3), encoding: .utf8))
                let lines = text.components(separatedBy: "\r\n")
                XCTAssertEqual(lines.first, "code;label;renewals;strike_offs")
                XCTAssertTrue(lines.contains("2026-02;février 2026;0;0"), "accents intact")
                XCTAssertTrue(lines.contains("2026-03;mars 2026;2;0"))
                XCTAssertEqual(lines.count, 14, "header, 12 months, the last line's end")
            }
            try await app.send(.GET, "observatoire/public/csv/pressure?territoire=petite-camargue&annee=2026") { res in
                XCTAssertEqual(res.status, .ok)
                let text = String(decoding: Array(res.body.readableBytesView).dropFirst(3), as: UTF8.self)
                XCTAssertEqual(
                    text,
                    "code;label;pending_requests;attributions;requests_per_attribution\r\n"
                        + "petite-camargue;Communauté de communes de Petite Camargue;5;< 5;< 5\r\n")
            }
            try await app.send(
                .GET, "observatoire/csv/attributions-by-quartile?territoire=petite-camargue&annee=2026",
                beforeRequest: { Browser.withSession(&$0, admin) }
            ) { res in
                let text = String(decoding: Array(res.body.readableBytesView).dropFirst(3), as: UTF8.self)
                XCTAssertTrue(
                    text.contains("q1;1er quartile (ressources les plus faibles);1;33,3\r\n"), "decimal comma")
            }
        }
    }

    func testGroupedFiguresAreReadPageByPage() async throws {
        try await withApp(demo: true) { app in
            let filter = ObservatoryFilter(year: 2026)
            let queries = ObservatoryQueries(sql: try XCTUnwrap(app.db as? any SQLDatabase), filter: filter)
            let first = try await queries.page(.stockByCommune, limit: 2, offset: 0)
            let second = try await queries.page(.stockByCommune, limit: 2, offset: 2)
            XCTAssertEqual(first.map(\.code), ["30006", "30020"])
            XCTAssertEqual(second.map(\.code), ["30033", "30059"])
        }
    }
}
