import Fluent
import XCTVapor

@testable import LogisServer

/// An irreversible move made from a page needs its « Je confirme » box: without it the page
/// comes back with a French error and nothing changes. The API, used by programs, does not ask.
final class ConfirmationTests: XCTestCase {
    func testRadiationWithoutTheBoxChangesNothing() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.send(
                .POST, "guichet/demandes/\(id)/radier",
                beforeRequest: { Browser.post(&$0, form: ["motif": "abandon", "comment": ""], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("Cochez la case « Je confirme la radiation »"))
                    XCTAssertTrue(res.body.string.contains("name=\"confirm\""), "the form is shown again")
                })
            let untouched = try await app.storedRequest(id)
            XCTAssertEqual(untouched.status, .enregistree)
            let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == id)
                .filter(\.$kind == .radiated).count()
            XCTAssertEqual(events, 0)
            try await app.send(
                .POST, "guichet/demandes/\(id)/radier",
                beforeRequest: {
                    Browser.post(&$0, form: ["motif": "abandon", "comment": "", "confirm": "oui"], session: agent)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let radiated = try await app.storedRequest(id)
            XCTAssertEqual(radiated.status, .radiee)
        }
    }

    func testTheAPIRadiatesWithoutAConfirmationBox() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredPaperRequest()
            let token = try await app.demoToken("enregistreur@demo.logis.fr")
            try await app.send(
                .POST, "api/v1/guichet/requests/\(id)/radiate",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["motif": "abandon"])
                },
                afterResponse: { XCTAssertEqual($0.status, .ok, $0.body.string) })
            let radiated = try await app.storedRequest(id)
            XCTAssertEqual(radiated.status, .radiee)
        }
    }

    func testPieceRefusalWithoutTheBoxLeavesThePieceWaiting() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            let document = RequestDocument(
                requestID: id, piece: "quittance_loyer", storedName: "confirmation.pdf", contentType: "application/pdf",
                size: 10, sha256: "x")
            try await document.create(on: app.db)
            let path = "guichet/demandes/\(id)/pieces/\(try document.requireID())/refuser"
            try await app.send(
                .POST, path,
                beforeRequest: {
                    Browser.post(&$0, form: ["reason": "obsolete", "comment": "Trop ancienne."], session: agent)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("Cochez la case « Je confirme le refus de cette pièce »"))
                })
            var stored = try await RequestDocument.find(try document.requireID(), on: app.db)
            XCTAssertEqual(stored?.status, .enAttente)
            try await app.send(
                .POST, path,
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["reason": "obsolete", "comment": "Trop ancienne.", "confirm": "oui"], session: agent
                    )
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            stored = try await RequestDocument.find(try document.requireID(), on: app.db)
            XCTAssertEqual(stored?.status, .refusee)
        }
    }

    func testTheConfirmationCodeIsStable() {
        XCTAssertThrowsError(try Confirmation.require(nil, "Cochez la case.")) { error in
            XCTAssertEqual((error as? LogisError)?.code, "confirmation_required")
            XCTAssertEqual((error as? LogisError)?.status, .unprocessableEntity)
        }
        XCTAssertNoThrow(try Confirmation.require("oui", "Cochez la case."))
    }
}
