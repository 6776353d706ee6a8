import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// Issue 16 §1: the EPCI publishes a new grid version from a date. Every score keeps the version
/// it was computed with until the nightly recompute on or after that date, and a published
/// version never changes.
final class GridVersioningTests: XCTestCase {
    /// A single parent with one child, filed 2025-11-10: on v1, 12 months (12) + famille
    /// monoparentale (10) + 1 enfant (3) = 25; v2 gives 25 to famille monoparentale: 40.
    func testAScoreKeepsVersionOneUntilTheRecomputeOnVersionTwosDate() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)  // clock: 2026-11-28
            let request = try await fixture.household(1, score: 0, children: 1, filed: "2025-11-10")
            try await RequestCotation.refresh(request, on: app.db, app: app)
            let id = try request.requireID()
            XCTAssertEqual(request.gridVersion, 1)
            XCTAssertEqual(request.score, 25)

            let admin = try await GridAdminSupport.make(app)
            let version = try await admin.draft(try GridAdminSupport.bundledGrid(points: ["famille_monoparentale": 25]))
            XCTAssertEqual(version, 2)
            _ = try await admin.publish(version, from: "2026-12-01")

            app.clock = .fixed(try JobSupport.day("2026-11-30").startOfDayDate)
            try await JobSupport.run(CotationRecomputeJob(), app)
            let eve = try await app.storedRequest(id)
            XCTAssertEqual(eve.gridVersion, 1, "v2 is not in force before 2026-12-01")
            XCTAssertEqual(eve.score, 25)

            app.clock = .fixed(try JobSupport.day("2026-12-01").startOfDayDate)
            try await JobSupport.run(CotationRecomputeJob(), app)
            let after = try await app.storedRequest(id)
            XCTAssertEqual(after.gridVersion, 2)
            XCTAssertEqual(after.score, 40)
            let v2 = try app.cotationGridVersions.catalog.grid(id: "petite-camargue", version: 2)
            XCTAssertEqual(after.gridHash, CotationGridFingerprint.of(v2))
            XCTAssertEqual(v2.effectiveFrom?.iso, "2026-12-01")
            // The stored fingerprints still match the catalog read back from the database.
            try await app.cotationGridStore.reload(on: app.db)
            try await CotationGridFingerprint.verify(app)
        }
    }

    func testAPublishedVersionIsNeitherEditedNorDeleted() async throws {
        try await withApp(demo: true) { app in
            _ = try await PreselectionFixture.make(app)
            let admin = try await GridAdminSupport.make(app)
            let grid = try GridAdminSupport.bundledGrid(points: ["handicap": 30])
            let version = try await admin.draft(grid)
            _ = try await admin.publish(version, from: "2026-11-28")
            for method in [HTTPMethod.PUT, .DELETE] {
                try await app.send(
                    method, "\(GridAdminSupport.base)/\(version)",
                    beforeRequest: {
                        $0.headers.bearerAuthorization = .init(token: admin.token)
                        $0.headers.contentType = .json
                        $0.body = ByteBuffer(data: try JSONEncoder().encode(grid))
                    },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .conflict, "\(method)")
                        XCTAssertTrue(res.body.string.contains("\"grid_version_published\""), res.body.string)
                    })
            }
            let again = try await admin.publish(version, from: "2026-12-01", expect: .conflict)
            XCTAssertTrue(again.contains("grid_version_published"))
            // The page's form is refused the same way.
            let session = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "epci/grille/versions/\(version)",
                beforeRequest: { Browser.post(&$0, form: ["points-handicap": "1"], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .conflict) })
            XCTAssertEqual(
                app.cotationGrids["petite-camargue"]?.grid.criteria.first { $0.code == "handicap" }?.points, 30)
        }
    }

    func testADraftIsEditedThroughTheFormWithErrorsNextToTheirFields() async throws {
        try await withApp(demo: true) { app in
            _ = try await PreselectionFixture.make(app)
            let session = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            var location = ""
            try await app.send(
                .POST, "epci/grille/nouvelle", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .seeOther)
                    location = res.headers.first(name: .location) ?? ""
                })
            XCTAssertEqual(location, "/epci/grille/versions/2")
            var form = Self.formValues(of: try GridAdminSupport.bundledGrid(points: [:]))
            form["points-famille_monoparentale"] = "douze"
            form["cap-enfants"] = "-4"
            try await app.send(
                .POST, "epci/grille/versions/2", beforeRequest: { Browser.post(&$0, form: form, session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    let page = res.body.string
                    XCTAssertTrue(page.contains("id=\"err-points-famille_monoparentale\""), page)
                    XCTAssertTrue(page.contains("Saisissez un nombre entier"))
                    XCTAssertTrue(page.contains("id=\"err-cap-enfants\""))
                    XCTAssertTrue(
                        page.contains("Le plafond du critère « enfants » exige « per » et un nombre positif."))
                })
            form["points-famille_monoparentale"] = "12"
            form["cap-enfants"] = "12"
            form["validation-handicap"] = "oui"
            try await app.send(
                .POST, "epci/grille/versions/2", beforeRequest: { Browser.post(&$0, form: form, session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let record = try await CotationGridRecord.query(on: app.db).filter(\.$version == 2).first()
            let saved = try XCTUnwrap(record).grid()
            let criteria = Dictionary(uniqueKeysWithValues: saved.criteria.map { ($0.code, $0) })
            XCTAssertEqual(criteria["famille_monoparentale"]?.points, 12)
            XCTAssertEqual(criteria["enfants"]?.cap, 12)
            XCTAssertEqual(criteria["handicap"]?.needsValidation, true)
            XCTAssertEqual(criteria["dalo"]?.needsValidation, true)
            XCTAssertEqual(criteria["sans_logement"]?.needsValidation, false)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "grid_draft_saved").count()
            XCTAssertEqual(audited, 2, "created, then saved")
        }
    }

    /// Two instances on one database: a version published on one is scored with on the other.
    func testAnotherInstanceSeesAPublishedVersion() async throws {
        let settings = TestApp.settings()
        let first = try await TestApp.make(settings)
        let second = try await TestApp.make(settings, resetDatabase: false)
        do {
            try await first.loadDemoData()
            _ = try await PreselectionFixture.make(first)
            second.clock = first.clock
            second.cotationGridStore.checkInterval = .zero
            let admin = try await GridAdminSupport.make(first)
            let version = try await admin.draft(try GridAdminSupport.bundledGrid(points: ["handicap": 31]))
            _ = try await admin.publish(version, from: "2026-11-28")
            XCTAssertEqual(second.cotationGrids["petite-camargue"]?.grid.version, 1, "not read yet")
            await second.cotationGridStore.refreshIfStale(on: second.db, logger: second.logger)
            XCTAssertEqual(second.cotationGrids["petite-camargue"]?.grid.version, 2)
        } catch {
            try? await second.asyncShutdown()
            try? await first.asyncShutdown()
            TestApp.removeFiles(of: settings)
            throw error
        }
        try await second.asyncShutdown()
        try await first.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }

    func testAVersionCannotStartInThePast() async throws {
        try await withApp(demo: true) { app in
            _ = try await PreselectionFixture.make(app)
            let admin = try await GridAdminSupport.make(app)
            let version = try await admin.draft(try GridAdminSupport.bundledGrid(points: [:]))
            let body = try await admin.publish(version, from: "2026-11-27", expect: .unprocessableEntity)
            XCTAssertTrue(body.contains("invalid_date"), body)
            XCTAssertEqual(app.cotationGrids["petite-camargue"]?.grid.version, 1)
        }
    }

    /// Version 3 published first: version 2, numbered before it, would never be in force.
    func testADraftBelowAPublishedVersionIsRefusedAndADraftIsDeleted() async throws {
        try await withApp(demo: true) { app in
            _ = try await PreselectionFixture.make(app)
            let admin = try await GridAdminSupport.make(app)
            let older = try await admin.draft(try GridAdminSupport.bundledGrid(points: ["handicap": 21]))
            let newer = try await admin.draft(try GridAdminSupport.bundledGrid(points: ["handicap": 22]))
            XCTAssertEqual([older, newer], [2, 3])
            _ = try await admin.publish(newer, from: "2026-11-28")
            let refused = try await admin.publish(older, from: "2026-11-28", expect: .conflict)
            XCTAssertTrue(refused.contains("grid_version_superseded"), refused)
            try await app.send(
                .DELETE, "\(GridAdminSupport.base)/\(older)",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: admin.token) },
                afterResponse: { XCTAssertEqual($0.status, .noContent) })
            try await app.send(
                .GET, "\(GridAdminSupport.base)/\(older)",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: admin.token) },
                afterResponse: { XCTAssertEqual($0.status, .notFound) })
            XCTAssertEqual(app.cotationGrids["petite-camargue"]?.grid.version, 3)
        }
    }

    static func formValues(of grid: CotationGrid) -> [String: String] {
        var form: [String: String] = [:]
        for criterion in grid.criteria {
            form["points-\(criterion.code)"] = String(criterion.points)
            if criterion.per != nil { form["cap-\(criterion.code)"] = criterion.cap.map(String.init) ?? "" }
            if criterion.needsValidation { form["validation-\(criterion.code)"] = "oui" }
        }
        form["seniority-points"] = "1"
        form["seniority-cap"] = "60"
        form["refusals-free"] = "1"
        form["refusals-penalty"] = "10"
        form["refusals-max"] = "30"
        return form
    }
}
