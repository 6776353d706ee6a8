import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Issue 16 §1.3: the preview scores today's waiting requests of the territory with the version in
/// force and with the draft. Four known households on 2026-11-28 (grid v1: seniority 1 point a
/// month, 60 at most; famille monoparentale 10; 3 per child, 9 at most):
///
/// | NUD | filed      | children | v1                  | draft (monoparentale 25) |
/// | H4  | 2020-01-01 | 0        | 60 → rank 1         | 60 → rank 1              |
/// | H1  | 2024-01-10 | 0        | 34 → rank 2         | 34 → rank 4              |
/// | H2  | 2025-11-10 | 1        | 12+10+3 = 25 → 3    | 12+25+3 = 40 → rank 2    |
/// | H3  | 2026-05-10 | 3        | 6+10+9 = 25 → 4     | 6+25+9 = 40 → rank 3     |
///
/// (H2 before H3 at equal score: filed earlier.) Up 2, down 1, unchanged 1; famille monoparentale
/// gives 20 points before and 50 after.
final class GridPreviewTests: XCTestCase {
    struct Preview: Decodable {
        struct Change: Decodable {
            let nud: String
            let rankBefore: Int
            let rankAfter: Int
        }
        struct Criterion: Decodable {
            let code: String
            let pointsBefore: Int
            let pointsAfter: Int
            let requestsGaining: Int
        }
        let comparedWith: Int?
        let compared: Int
        let movedUp: Int
        let movedDown: Int
        let unchanged: Int
        let changes: [Change]
        let criteria: [Criterion]
    }

    func testThePreviewCountsMovesOnAKnownSetOfRequests() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            let nuds = [
                4: try await fixture.household(4, score: 0, children: 0, filed: "2020-01-01").nud,
                1: try await fixture.household(1, score: 0, children: 0, filed: "2024-01-10").nud,
                2: try await fixture.household(2, score: 0, children: 1, filed: "2025-11-10").nud,
                3: try await fixture.household(3, score: 0, children: 3, filed: "2026-05-10").nud,
            ]
            // A request still in draft is not compared.
            _ = try await fixture.household(5, score: 0, status: .brouillon)
            let admin = try await GridAdminSupport.make(app)
            let version = try await admin.draft(try GridAdminSupport.bundledGrid(points: ["famille_monoparentale": 25]))
            var preview: Preview?
            try await app.send(
                .POST, "\(GridAdminSupport.base)/\(version)/preview",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: admin.token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok, res.body.string)
                    preview = try res.content.decode(Preview.self)
                })
            let result = try XCTUnwrap(preview)
            XCTAssertEqual(result.comparedWith, 1)
            XCTAssertEqual(result.compared, 4)
            XCTAssertEqual([result.movedUp, result.movedDown, result.unchanged], [2, 1, 1])
            XCTAssertEqual(
                result.changes.map { "\($0.nud) \($0.rankBefore)→\($0.rankAfter)" },
                ["\(nuds[1]!!) 2→4", "\(nuds[2]!!) 3→2", "\(nuds[3]!!) 4→3"])
            let single = try XCTUnwrap(result.criteria.first { $0.code == "famille_monoparentale" })
            XCTAssertEqual([single.pointsBefore, single.pointsAfter, single.requestsGaining], [20, 50, 2])
            let seniority = try XCTUnwrap(result.criteria.first { $0.code == "anciennete" })
            XCTAssertEqual(seniority.pointsBefore, 60 + 34 + 12 + 6)

            // Nothing was scored: the preview writes only the audit, with each file whose NUD it showed.
            let listed = try await AuditEntry.query(on: app.db).filter(\.$action == "request_listed")
                .filter(\.$reason == AuditReason.gridPreview.text).count()
            XCTAssertEqual(listed, 3)
            let stored = try await HousingRequest.query(on: app.db).filter(\.$nud == nuds[2]!!).first()
            XCTAssertEqual(stored?.score, 0)
        }
    }

    func testThePreviewPageShowsTheCountsAndThePublishForm() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            try await fixture.household(2, score: 0, children: 1, filed: "2025-11-10")
            try await fixture.household(1, score: 0, children: 0, filed: "2024-01-10")
            let admin = try await GridAdminSupport.make(app)
            let version = try await admin.draft(try GridAdminSupport.bundledGrid(points: ["famille_monoparentale": 25]))
            let session = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "epci/grille/versions/\(version)/apercu", beforeRequest: { Browser.withSession(&$0, session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    let page = res.body.string
                    XCTAssertTrue(page.contains("<strong id=\"moved-up\">1</strong>"), page)
                    XCTAssertTrue(page.contains("<strong id=\"moved-down\">1</strong>"))
                    XCTAssertTrue(page.contains("action=\"/epci/grille/versions/\(version)/publier\""))
                })
            try await app.send(
                .POST, "epci/grille/versions/\(version)/publier",
                beforeRequest: { Browser.post(&$0, form: ["effectiveFrom": "2026-01-01"], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("id=\"err-effectiveFrom\""))
                })
            try await app.send(
                .POST, "epci/grille/versions/\(version)/publier",
                beforeRequest: { Browser.post(&$0, form: ["effectiveFrom": "2026-11-28"], session: session) },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/epci/grille?message=publiee") })
            // The public territory page shows the version in force, read from the database.
            try await app.send(
                .GET, "territoires/petite-camargue",
                afterResponse: { res in
                    let page = res.body.string
                    XCTAssertTrue(page.contains("Grille de cotation en vigueur"), page)
                    XCTAssertTrue(page.contains("version \(version)"))
                    XCTAssertTrue(page.contains("<th scope=\"row\">Famille monoparentale</th><td>25 points</td>"), page)
                })
        }
    }
}
