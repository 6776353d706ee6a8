import Fluent
import XCTVapor

@testable import LogisServer

/// A desk registers only for the communes of its territory; other entries are sent on, audited.
final class TerritoryOfRegistrationTests: XCTestCase {
    func testALibercourtDeskCannotRegisterAGardRequestButTransfersIt() async throws {
        try await withApp(demo: true) { app in
            let libercourt = try await Browser.signIn(
                app, email: "enregistreur.libercourt@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(session: libercourt, applicant: ["commune": "Vauvert"])
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: ["confirmDifferentPerson": "oui"], session: libercourt) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .conflict)
                    XCTAssertTrue(res.body.string.contains("Transmettre au territoire"), "the page offers the way out")
                })
            var stored = try await app.storedRequest(id)
            XCTAssertNil(stored.nud, "no Libercourt desk code on a Gard request")
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/transmettre-territoire",
                beforeRequest: { Browser.post(&$0, form: [:], session: libercourt) },
                afterResponse: {
                    XCTAssertEqual($0.headers.first(name: .location), "/guichet?message=transmise-territoire")
                })
            stored = try await app.storedRequest(id)
            let gard = try await Territory.query(on: app.db).filter(\.$slug == "petite-camargue").first()
            XCTAssertEqual(stored.$territory.id, gard?.id)
            XCTAssertEqual(stored.handedOver, true)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$reason == "transferred to another territory")
                .count()
            XCTAssertEqual(audited, 1)
            try await app.send(
                .GET, "guichet/demandes/\(id)/saisie/recapitulatif",
                beforeRequest: { Browser.withSession(&$0, libercourt) },
                afterResponse: { XCTAssertEqual($0.status, .notFound, "out of the sender's territory now") })

            let gardDesk = try await Browser.signIn(
                app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: ["confirmDifferentPerson": "oui"], session: gardDesk) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            stored = try await app.storedRequest(id)
            XCTAssertTrue(stored.nud?.hasPrefix("030") ?? false, stored.nud ?? "")
            XCTAssertFalse(stored.nud?.hasSuffix("LIBPH") ?? true)
        }
    }
}
