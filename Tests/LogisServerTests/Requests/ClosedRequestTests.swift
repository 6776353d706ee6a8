import LogisCore
import XCTVapor

@testable import LogisServer

/// A struck-off request stays in its applicant's espace personnel: NUD, status and motif,
/// history, attestation, and whether the radiation can still be cancelled.
final class ClosedRequestTests: XCTestCase {
    func testAnAbandonedRequestStaysVisibleWithItsNUDAndRestoreWindow() async throws {
        try await withApp(demo: true) { app in
            let clock = MovableClock(try CalendarDate(iso: "2026-01-10"))
            app.clock = clock.logisClock
            let email = "radiee-\(UUID().uuidString.prefix(8))@exemple.fr"
            let token = try await app.newApplicantToken(email: email)
            struct Created: Decodable { let id: UUID }
            var id = UUID()
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["steps": RequestsAPITests.allSteps])
                },
                afterResponse: { id = try $0.content.decode(Created.self).id })
            try await app.uploadIdentityPieces(of: id, token: token)
            try await app.send(
                .POST, "api/v1/requests/\(id)/submit",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .created) })
            let registered = try await app.storedRequest(id)
            let nud = try XCTUnwrap(registered.nud)
            var session = try await Browser.signIn(app, email: email, password: "Logement-Test-2026")
            try await app.send(
                .POST, "mon-espace/abandonner",
                beforeRequest: {
                    Browser.post(&$0, form: ["confirm": "oui", "comment": "Relogée par ma famille"], session: session)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })

            clock.set(try CalendarDate(iso: "2026-01-20"))
            session = try await Browser.signIn(app, email: email, password: "Logement-Test-2026")
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                let page = res.body.string
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(page.contains("<dd class=\"nud\" id=\"nud\">\(nud)</dd>"), page)
                XCTAssertTrue(page.contains("<dd id=\"statut\">Radiée</dd>"))
                XCTAssertTrue(page.contains("<dd id=\"motif\">Abandon par le demandeur</dd>"))
                XCTAssertTrue(page.contains("Une radiation peut être annulée dans les 30 jours par un administrateur."))
                XCTAssertTrue(page.contains("au plus tard le 09/02/2026"), "30 days after 10 January")
                XCTAssertTrue(page.contains("Commentaire : Relogée par ma famille"), "the history is kept")
                XCTAssertTrue(page.contains("href=\"/mon-espace/attestation.pdf\""))
                XCTAssertFalse(page.contains("pas de demande de logement social en cours"))
                XCTAssertFalse(page.contains("href=\"/mon-espace/pieces\""), "no piece to upload on a closed request")
                XCTAssertFalse(page.contains("/mon-espace/abandonner"))
            }
            try await app.send(
                .GET, "mon-espace/attestation.pdf", beforeRequest: { Browser.withSession(&$0, session) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(res.headers.contentType?.subType, "pdf")
            }

            clock.set(try CalendarDate(iso: "2026-02-10"))
            session = try await Browser.signIn(app, email: email, password: "Logement-Test-2026")
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertTrue(res.body.string.contains("Ce délai est passé"), "31 days after the radiation")
                XCTAssertTrue(res.body.string.contains("<dd class=\"nud\" id=\"nud\">\(nud)</dd>"))
            }
        }
    }
}
