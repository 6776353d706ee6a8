import Fluent
import XCTVapor

@testable import LogisServer

/// Issue 13 item 7: after an upload the page opens on the piece's row; the history names the
/// person; a refused piece is on the first screen of the espace personnel with its comment.
final class PiecesOnAPhoneTests: XCTestCase {
    func testAnUploadReturnsToThePieceRowAndTheHistoryNamesThePerson() async throws {
        try await withApp(demo: true) { app in
            let email = "telephone@exemple.fr"
            try await app.signUpConfirmed(email: email, password: "Logement-Test-2026", displayName: "Léa Martin")
            let session = try await Browser.signIn(app, email: email, password: "Logement-Test-2026")
            try await app.send(
                .POST, "demande", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            for step in FamilyInVauvert.steps {
                try await app.send(
                    .POST, "demande/etape/\(step.slug)",
                    beforeRequest: { Browser.post(&$0, form: step.fields, session: session) },
                    afterResponse: { XCTAssertEqual($0.status, .seeOther, step.slug) })
            }
            let draft = try await HousingRequest.query(on: app.db).filter(\.$status == .brouillon).first()
            try await app.uploadIdentityPieces(of: try XCTUnwrap(draft?.id), session: session)
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            var location = ""
            try await app.send(
                .POST, "mon-espace/pieces",
                beforeRequest: {
                    Browser.postMultipart(
                        &$0, fields: ["piece": "piece_identite@1"], file: ("file", "cni.pdf", DocumentsTests.pdf),
                        session: session)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .seeOther, res.body.string)
                    location = res.headers.first(name: .location) ?? ""
                })
            XCTAssertEqual(
                location, "/mon-espace/pieces?message=deposee&piece=piece_identite@1#piece-piece_identite@1")
            try await app.send(
                .GET, "mon-espace/pieces?message=deposee&piece=piece_identite@1",
                beforeRequest: { Browser.withSession(&$0, session) }
            ) { res in
                let page = res.body.string
                let row = try XCTUnwrap(page.range(of: "id=\"piece-piece_identite@1\""))
                let notice = try XCTUnwrap(page.range(of: "Votre fichier est bien arrivé"))
                XCTAssertLessThan(row.lowerBound, notice.lowerBound, "the message is in the piece's row")
                XCTAssertEqual(page.components(separatedBy: "Votre fichier est bien arrivé").count, 2, "that row only")
            }
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertTrue(res.body.string.contains("Pièce déposée pour Hugo Martin : Pièce d’identité"))
            }
        }
    }

    func testARefusedPieceIsOnTheFirstScreenWithItsComment() async throws {
        try await withApp { app in
            try await app.loadDemoData(requests: true)
            let session = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                let page = res.body.string
                let block = try XCTUnwrap(page.range(of: "id=\"pieces-refusees\""), page)
                let status = try XCTUnwrap(page.range(of: "id=\"titre-statut\""))
                XCTAssertLessThan(block.lowerBound, status.lowerBound, "before anything else")
                let section = page[block.lowerBound...].prefix(2000)
                XCTAssertTrue(section.contains("href=\"/mon-espace/pieces#piece-quittance_loyer\""))
                XCTAssertTrue(section.contains("Motif du refus : Obsolète"), String(section))
                XCTAssertTrue(section.contains("merci de déposer la dernière reçue"))
                XCTAssertTrue(page.contains("Pièce validée pour "), "the history names whose piece")
            }
        }
    }
}
