import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// The administrator's view of job runs and of the outbox: shown to administrators only, without
/// any recipient or text, every view and retry audited; a failed message goes back to the queue.
final class JobsAdminTests: XCTestCase {
    func testAnAdministratorSeesFailuresAndRetriesOne() async throws {
        try await withApp(demo: true) { app in
            let now = app.clock.now
            let draft = MessageDraft(
                channel: .email, accountID: nil, requestID: nil, recipient: "lea.martin@exemple.fr",
                template: "renewal-reminder-7_jours", subject: "Dernier rappel", body: "Corps du message")
            try await Outbox.enqueue(draft, key: "admin-test:1", now: now, on: app.db)
            let found = try await OutboxMessage.query(on: app.db).filter(\.$idempotenceKey == "admin-test:1").first()
            let message = try XCTUnwrap(found)
            message.status = .failed
            message.attempts = 6
            message.lastError = "smtp_550"
            try await message.save(on: app.db)
            let id = try message.requireID()

            let desk = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "admin/taches", beforeRequest: { Browser.withSession(&$0, desk) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })

            let admin = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "admin/taches", beforeRequest: { Browser.withSession(&$0, admin) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("renewal-reminder-7_jours"))
                    XCTAssertTrue(res.body.string.contains("smtp_550"))
                    XCTAssertFalse(res.body.string.contains("lea.martin@exemple.fr"), "no recipient shown")
                    XCTAssertFalse(res.body.string.contains("Corps du message"), "no message text shown")
                })
            try await app.send(
                .POST, "admin/taches/messages/\(id)/reessayer",
                beforeRequest: { Browser.post(&$0, form: [:], session: admin) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let reloaded = try await OutboxMessage.find(id, on: app.db)
            let requeued = try XCTUnwrap(reloaded)
            XCTAssertEqual(requeued.status, .pending)
            try await app.send(
                .POST, "admin/taches/messages/\(id)/reessayer",
                beforeRequest: { Browser.post(&$0, form: [:], session: admin) },
                afterResponse: { XCTAssertEqual($0.status, .conflict, "only a failed message is retried") })
            let audited = try await AuditEntry.query(on: app.db).all().map(\.action)
            XCTAssertTrue(audited.contains(AuditAction.jobsViewed.rawValue))
            XCTAssertEqual(audited.filter { $0 == AuditAction.messageRetried.rawValue }.count, 1)
        }
    }
}
