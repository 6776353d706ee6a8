import Fluent
import SQLKit
import XCTVapor

@testable import LogisServer

/// Issue 13 §8: every action says what happened, each role sees the queues it can act on, and the
/// social worker has « Critères à valider ».
final class QueuesByRoleTests: XCTestCase {
    private func page(_ app: Application, _ path: String, _ session: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.send(
            .GET, path, beforeRequest: { Browser.withSession(&$0, session) },
            afterResponse: { result = ($0.status, $0.body.string) })
        return result
    }

    private func pendingCriteria(_ app: Application, _ id: UUID) async throws -> Int? {
        struct Row: Decodable {
            let pending: Int?
        }
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        return try await sql.select().column("pending_criteria", as: "pending").from(HousingRequest.schema).where(
            "id", .equal, id
        )
        .first(decoding: Row.self)?.pending
    }

    func testTheHandOverToARegisteringDeskSaysSo() async throws {
        try await withApp(demo: true) { app in
            let accueil = try await Browser.signIn(app, email: "accueil@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(session: accueil)
            var location = ""
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/transmettre",
                beforeRequest: { Browser.post(&$0, form: [:], session: accueil) },
                afterResponse: { location = $0.headers.first(name: .location) ?? "" })
            let (status, body) = try await page(app, String(location.dropFirst()), accueil)
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(body.contains("La saisie est transmise aux guichets enregistreurs"), location)
        }
    }

    func testEachRoleSeesOnlyTheQueuesItCanActOn() async throws {
        try await withApp(demo: true) { app in
            let accueil = try await Browser.signIn(app, email: "accueil@demo.logis.fr", password: DemoData.password)
            let worker = try await Browser.signIn(
                app, email: "travailleur-social@demo.logis.fr", password: DemoData.password)
            let desk = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let (_, accueilHome) = try await page(app, "guichet", accueil)
            XCTAssertFalse(accueilHome.contains("/guichet/file/pieces"), "accueil validates no piece")
            XCTAssertFalse(accueilHome.contains("/guichet/file/a-radier"), "accueil strikes nothing off")
            let (refused, _) = try await page(app, "guichet/file/pieces", accueil)
            XCTAssertEqual(refused, .notFound, "not one of accueil's queues")
            let (_, workerHome) = try await page(app, "guichet", worker)
            XCTAssertFalse(workerHome.contains("/guichet/file/attestations"), "a social worker sends no attestation")
            XCTAssertTrue(workerHome.contains("/guichet/file/criteres"))
            let (_, deskHome) = try await page(app, "guichet", desk)
            for slug in ["en-ligne", "transmises", "pieces", "attestations", "criteres"] {
                XCTAssertTrue(deskHome.contains("/guichet/file/\(slug)"), slug)
            }
        }
    }

    /// The count of criteria waiting for validation is stored with the score, so the queue is SQL;
    /// validating the criterion takes the request out of it.
    func testTheSocialWorkerFindsTheCriteriaToValidateFirst() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredPaperRequest()
            let request = try await app.storedRequest(id)
            request.form.reasons = ReasonsSection(motifs: ["logement_indigne"])
            try await request.save(on: app.db)
            try await RequestCotation.refresh(request, on: app.db, app: app)
            let pending = try await pendingCriteria(app, id)
            XCTAssertEqual(pending, 1, "logement indigne waits for validation in this grid")
            let worker = try await Browser.signIn(
                app, email: "travailleur-social@demo.logis.fr", password: DemoData.password)
            let (_, home) = try await page(app, "guichet", worker)
            let firstQueue = try XCTUnwrap(home.range(of: "/guichet/file/"))
            XCTAssertTrue(home[firstQueue.upperBound...].hasPrefix("criteres"), "the social worker's queue comes first")
            XCTAssertTrue(home.contains("Critères à valider"))
            let (_, queue) = try await page(app, "guichet/file/criteres", worker)
            XCTAssertTrue(queue.contains("/guichet/demandes/\(id)"), "the request waits in the queue")
            try await app.send(
                .POST, "guichet/demandes/\(id)/criteres/logement_indigne/valider",
                beforeRequest: { Browser.post(&$0, form: [:], session: worker) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            let validated = try await pendingCriteria(app, id)
            XCTAssertEqual(validated, 0)
            let (_, after) = try await page(app, "guichet/file/criteres", worker)
            XCTAssertFalse(after.contains("/guichet/demandes/\(id)"), "validated: out of the queue")
        }
    }
}
