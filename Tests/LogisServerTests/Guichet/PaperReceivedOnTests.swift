import Foundation
import LogisCore
import XCTVapor

@testable import LogisServer

/// A paper form's month for the attestation runs from the day the desk received it
/// (CCH R441-2-4, docs/rules/calendars.md), which the agent types when registering.
final class PaperReceivedOnTests: XCTestCase {
    func testTheAttestationIsDueAMonthAfterTheFormWasReceived() async throws {
        try await withApp(demo: true) { app in
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(session: agent)
            let received = CalendarDate.today().adding(days: -10)
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: ["receivedOn": received.iso], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            let stored = try await app.storedRequest(id)
            XCTAssertEqual(stored.paperReceivedOn, received.iso)
            let due = RequestCalendar.attestationDeadline(completeFilingOn: received)
            XCTAssertEqual(stored.attestationDueOn, due.iso, "not a month after the day it was typed in")
            XCTAssertEqual(stored.firstFiledOn, CalendarDate.today().iso, "the seniority keeps the registration day")

            // The file starts with the person, then what to do, then the rest under a table of contents.
            try await app.send(.GET, "guichet/demandes/\(id)", beforeRequest: { Browser.withSession(&$0, agent) }) {
                res in
                let page = res.body.string
                XCTAssertTrue(page.contains("Formulaire papier reçu le</dt><dd id=\"recu-le\">\(french(received))"))
                XCTAssertTrue(page.contains("Attestation à remettre avant le \(french(due))"), page)
                XCTAssertTrue(page.contains("au plus tard le \(french(due))"))
                let order = [
                    "id=\"titre-personne\"", "Date de naissance", "Foyer", "Commune", "id=\"statut\"",
                    "id=\"titre-a-faire\"", "id=\"titre-sommaire\"", "id=\"titre-pieces\"", "id=\"titre-dossier\"",
                    "id=\"titre-historique\"",
                ]
                let positions = try order.map { try XCTUnwrap(page.range(of: $0)?.lowerBound, $0) }
                XCTAssertEqual(positions, positions.sorted())
                // The desk's pages speak of the applicant, not to them.
                XCTAssertTrue(page.contains("<h3>Le demandeur</h3>"))
                XCTAssertFalse(page.contains("Vous, le demandeur"))
            }
        }
    }

    func testAReceiptDateInTheFutureOrOverAYearOldIsRefused() async throws {
        try await withApp(demo: true) { app in
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(session: agent)
            let today = CalendarDate.today()
            for (date, message) in [
                (today.adding(days: 1).iso, "ne peut pas être dans le futur"),
                (today.adding(months: -13).iso, "plus d’un an"),
                ("31/02/2026", "Date de réception invalide"),
            ] {
                try await app.send(
                    .POST, "guichet/demandes/\(id)/saisie/enregistrer",
                    beforeRequest: { Browser.post(&$0, form: ["receivedOn": date], session: agent) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .unprocessableEntity, date)
                        XCTAssertTrue(res.body.string.contains(message), res.body.string)
                    })
            }
            let stored = try await app.storedRequest(id)
            XCTAssertEqual(stored.status, .brouillon)
            XCTAssertNil(stored.nud)
        }
    }

    func testTheAttestationGivesTheSitesAddressAndItsTitleAndLanguage() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.send(
                .GET, "guichet/demandes/\(id)/attestation.pdf", beforeRequest: { Browser.withSession(&$0, agent) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                let data = Data(buffer: res.body)
                XCTAssertNotNil(data.range(of: Data("/Lang (fr-FR)".utf8)), "the language, for screen readers")
                XCTAssertNotNil(data.range(of: Data("/Title".utf8)))
                let text = try PDFText.extract(data)
                XCTAssertTrue(text.contains(app.logisSettings.publicURL), text)
                XCTAssertTrue(text.contains("Suivre votre demande en ligne"))
            }
        }
    }

    private func french(_ date: CalendarDate) -> String { RequestSummary.display(date.iso) }
}
