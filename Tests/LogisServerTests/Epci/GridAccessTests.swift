import XCTVapor

@testable import LogisServer

/// Issue 16 §1.2: only the territory's EPCI administrator acts on its grid.
final class GridAccessTests: XCTestCase {
    func testOnlyTheTerritorysEpciAdministratorReachesItsGrids() async throws {
        try await withApp(demo: true) { app in
            let cases: [(String, String, HTTPStatus)] = [
                ("epci@demo.logis.fr", "petite-camargue", .ok),
                ("epci@demo.logis.fr", "libercourt", .forbidden),
                ("epci@demo.logis.fr", "nulle-part", .notFound),
                ("enregistreur@demo.logis.fr", "petite-camargue", .forbidden),
                ("travailleur-social@demo.logis.fr", "petite-camargue", .forbidden),
                ("admin@demo.logis.fr", "petite-camargue", .forbidden),
            ]
            for (email, slug, status) in cases {
                let token = try await app.demoToken(email)
                try await app.send(
                    .GET, "api/v1/territories/\(slug)/grids",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                    afterResponse: { XCTAssertEqual($0.status, status, "\(email) on \(slug)") })
            }
            let applicant = try await app.newApplicantToken(email: "grille@exemple.fr")
            try await app.send(
                .POST, "api/v1/territories/petite-camargue/grids",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: applicant) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "epci/grille", beforeRequest: { Browser.withSession(&$0, agent) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
            try await app.send(
                .POST, "epci/grille/nouvelle", beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
            let count = try await CotationGridRecord.query(on: app.db).count()
            XCTAssertEqual(count, 0)
        }
    }
}
