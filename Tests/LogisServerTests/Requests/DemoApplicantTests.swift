import Fluent
import XCTVapor

@testable import LogisServer

final class DemoApplicantTests: XCTestCase {
    func testDemoApplicantFollowsARegisteredRequestAndCanRenewIt() async throws {
        try await withApp { app in
            try await app.loadDemoData(requests: true)
            let session = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.status, .ok)
                let page = res.body.string
                XCTAssertTrue(page.contains("Renouveler ma demande"), "anniversary within 3 months")
                XCTAssertTrue(page.contains("Pièce refusée (obsolète)"))
                XCTAssertTrue(page.contains("merci de déposer la dernière reçue"))
                XCTAssertTrue(page.contains("Pièce validée"))
            }
            try await app.send(.GET, "mon-espace/pieces", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("badge-validee"))
                XCTAssertTrue(res.body.string.contains("badge-refusee"))
            }
            try await app.send(.GET, "mon-espace/cotation", beforeRequest: { Browser.withSession(&$0, session) }) {
                res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("cotation-detail"))
                XCTAssertTrue(res.body.string.contains(" mois</strong>"), "generated attributions give an average wait")
            }
            // Never one click: the review page shows the request, and renewal needs the confirmation.
            try await app.send(.GET, "mon-espace/renouveler", beforeRequest: { Browser.withSession(&$0, session) }) {
                res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("/demande/etape/"), "each section can be corrected")
            }
            try await app.send(
                .POST, "mon-espace/renouveler", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity) })
            let owner = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            let notYet = try await HousingRequest.query(on: app.db).filter(\.$account.$id == owner?.id).first()
            XCTAssertEqual(notYet?.renewals, 0, "nothing renewed without the confirmation")
            try await app.send(
                .POST, "mon-espace/renouveler",
                beforeRequest: { Browser.post(&$0, form: ["confirm": "oui"], session: session) },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/mon-espace?message=renouvelee") })
            let applicant = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            let request = try await HousingRequest.query(on: app.db).filter(\.$account.$id == applicant?.id).first()
            XCTAssertEqual(request?.renewals, 1)
            let generated = try await HousingRequest.query(on: app.db).filter(\.$account.$id == nil).count()
            XCTAssertEqual(generated, 2 * DemoRequests.generatedPerTerritory)
            try await app.loadDemoData(requests: true)
            let again = try await HousingRequest.query(on: app.db).count()
            XCTAssertEqual(again, generated + 1, "loading twice adds nothing")
        }
    }
}
