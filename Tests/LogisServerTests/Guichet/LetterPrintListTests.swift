import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Letters are not sent by a transport: they wait on the print list of the request's territory,
/// as PDFs, until a desk marks them printed (issue 12).
final class LetterPrintListTests: XCTestCase {
    static let subject = "Votre demande de logement social est à renouveler"

    /// A paper request of Petite Camargue reminded of its renewal: a letter, since nobody has an
    /// e-mail or a phone choice for it. Returns the desk agent's session and the letter's id.
    static func pendingReminderLetter(_ app: Application) async throws -> (session: String, letter: UUID) {
        let (_, id) = try await app.registeredPaperRequest()
        let request = try await app.storedRequest(id)
        let schedule = try XCTUnwrap(RequestLifecycle.schedule(of: request))
        app.clock = .fixed(schedule.reminder.startOfDayDate)
        try await JobSupport.run(RenewalRemindersJob(), app)
        let letters = try await JobSupport.messages(for: id, app)
        XCTAssertEqual(letters.map(\.channel), [.letter])
        // Months later: the desk agent signs in again (the registration's session has expired).
        let session = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
        return (session, try XCTUnwrap(letters.first?.id))
    }

    static func hiddenLetters(in html: String) -> String? {
        guard let start = html.range(of: "name=\"lettres\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    static func get(_ app: Application, _ path: String, session: String) async throws -> XCTHTTPResponse {
        var response: XCTHTTPResponse?
        try await app.send(
            .GET, path, beforeRequest: { Browser.withSession(&$0, session) }, afterResponse: { response = $0 })
        return try XCTUnwrap(response)
    }

    func testTheRenewalReminderLetterIsOnTheDesksListAndNotSentByTheTransport() async throws {
        try await withApp(demo: true) { app in
            let (session, letter) = try await Self.pendingReminderLetter(app)
            let report = try await OutboxSender(app: app, transport: ScriptedTransport()).drain()
            XCTAssertEqual(report.sent, 0)
            let row = try await OutboxMessage.find(letter, on: app.db)
            XCTAssertEqual(row?.status, .pending, "a letter waits for the desk")
            let page = try await Self.get(app, "guichet/courriers", session: session)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains(Self.subject), page.body.string)
            XCTAssertTrue(page.body.string.contains("/guichet/courriers/\(letter.uuidString)/pdf"))
            let listed = try await AuditEntry.query(on: app.db).filter(\.$action == "request_listed")
                .filter(\.$reason == AuditReason.printList.text).count()
            XCTAssertEqual(listed, 1)
        }
    }

    func testEachLetterAndThePageAreAPDFWithTheSubject() async throws {
        try await withApp(demo: true) { app in
            let (session, letter) = try await Self.pendingReminderLetter(app)
            for path in ["guichet/courriers/\(letter.uuidString)/pdf", "guichet/courriers/tout.pdf"] {
                let response = try await Self.get(app, path, session: session)
                XCTAssertEqual(response.status, .ok, path)
                XCTAssertEqual(response.headers.contentType?.subType, "pdf")
                let data = Data(buffer: response.body)
                XCTAssertEqual(String(decoding: data.prefix(5), as: UTF8.self), "%PDF-")
                let text = try PDFText.extract(data)
                XCTAssertTrue(text.contains(Self.subject), text)
                XCTAssertTrue(text.contains("Vauvert"), "the recipient's address block")
                XCTAssertTrue(text.contains("Objet"), text)
            }
            let downloads = try await AuditEntry.query(on: app.db).filter(\.$action == "letters_downloaded").count()
            XCTAssertEqual(downloads, 2)
        }
    }

    func testAnotherTerritorysDeskNeitherSeesNorDownloadsTheLetter() async throws {
        try await withApp(demo: true) { app in
            let (_, letter) = try await Self.pendingReminderLetter(app)
            let other = try await Browser.signIn(
                app, email: "enregistreur.libercourt@demo.logis.fr", password: DemoData.password)
            let page = try await Self.get(app, "guichet/courriers", session: other)
            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.body.string.contains(Self.subject))
            XCTAssertTrue(page.body.string.contains("Aucun courrier n’attend d’être imprimé."))
            let pdf = try await Self.get(app, "guichet/courriers/\(letter.uuidString)/pdf", session: other)
            XCTAssertEqual(pdf.status, .notFound)
            let all = try await Self.get(app, "guichet/courriers/tout.pdf", session: other)
            XCTAssertEqual(all.status, .notFound)
            // Nor can it mark it printed by posting its id.
            try await app.send(
                .POST, "guichet/courriers/imprimes",
                beforeRequest: {
                    Browser.post(&$0, form: ["lettres": letter.uuidString, "confirm": "oui"], session: other)
                },
                afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity) })
            let row = try await OutboxMessage.find(letter, on: app.db)
            XCTAssertEqual(row?.status, .pending)
        }
    }

    func testMarkingPrintedAsksForConfirmationThenEmptiesTheList() async throws {
        try await withApp(demo: true) { app in
            let (session, letter) = try await Self.pendingReminderLetter(app)
            // The page's letters: the reminder, and the letter of the NUD issued at registration.
            let html = try await Self.get(app, "guichet/courriers", session: session).body.string
            let ids = try XCTUnwrap(Self.hiddenLetters(in: html))
            XCTAssertEqual(ids.split(separator: ",").count, 2)
            XCTAssertTrue(ids.contains(letter.uuidString))
            try await app.send(
                .POST, "guichet/courriers/imprimes",
                beforeRequest: { Browser.post(&$0, form: ["lettres": ids], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("J’ai imprimé ces courriers"))
                })
            let refused = try await OutboxMessage.find(letter, on: app.db)
            XCTAssertEqual(refused?.status, .pending)
            try await app.send(
                .POST, "guichet/courriers/imprimes",
                beforeRequest: { Browser.post(&$0, form: ["lettres": ids, "confirm": "oui"], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            let row = try await OutboxMessage.find(letter, on: app.db)
            XCTAssertEqual(row?.status, .sent)
            XCTAssertNotNil(row?.sentAt)
            let page = try await Self.get(app, "guichet/courriers?message=imprimes", session: session)
            XCTAssertFalse(page.body.string.contains(Self.subject))
            XCTAssertTrue(page.body.string.contains("Aucun courrier n’attend d’être imprimé."))
            let printed = try await AuditEntry.query(on: app.db).filter(\.$action == "letters_printed").all()
            XCTAssertEqual(printed.map(\.reason), ["2 courrier(s)"], "one line per file")
        }
    }

    func testAnApplicantCannotReachThePrintList() async throws {
        try await withApp(demo: true) { app in
            let session = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            for path in ["guichet/courriers", "guichet/courriers/tout.pdf"] {
                let response = try await Self.get(app, path, session: session)
                XCTAssertEqual(response.status, .forbidden, path)
            }
        }
    }
}
