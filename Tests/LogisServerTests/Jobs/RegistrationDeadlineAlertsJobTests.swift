import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// CCH R441-2-4: the attestation is due one month after the complete filing. A week before, the
/// registering agents of the file's territory are told by e-mail — counts and a link, no name —
/// once per day; the agents of another territory are not.
final class RegistrationDeadlineAlertsJobTests: XCTestCase {
    func testTheTerritorysAgentsAreToldAWeekAheadWithoutAnyName() async throws {
        try await withApp(demo: true) { app in
            // Only the file of this test is due: the demo's own dates depend on the day it was built.
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE housing_requests SET attestation_due_on = NULL").run()
            // A paper file: an online one gets its attestation at once, in the espace personnel.
            app.clock = .fixed(try JobSupport.day("2026-03-10").startOfDayDate)
            let (_, id) = try await app.registeredPaperRequest()
            let due = try await app.storedRequest(id).attestationDueOn
            XCTAssertEqual(due, "2026-04-10")

            app.clock = .fixed(try JobSupport.day("2026-04-02").startOfDayDate)
            try await JobSupport.run(RegistrationDeadlineAlertsJob(), app)
            let nothingYet = try await alerts(app).isEmpty
            XCTAssertTrue(nothingYet, "8 days ahead: not yet")

            app.clock = .fixed(try JobSupport.day("2026-04-03").startOfDayDate)
            try await JobSupport.run(RegistrationDeadlineAlertsJob(), app)
            let sent = try await alerts(app)
            let recipients = Set(sent.map(\.recipient))
            XCTAssertTrue(recipients.contains("enregistreur@demo.logis.fr"), "\(recipients)")
            XCTAssertFalse(recipients.contains("enregistreur.libercourt@demo.logis.fr"), "another territory")
            XCTAssertFalse(recipients.contains("accueil@demo.logis.fr"), "cannot send the attestation")
            XCTAssertEqual(sent.count, recipients.count, "one message per agent")
            let message = try XCTUnwrap(sent.first)
            XCTAssertEqual(message.subject, "Délai d’enregistrement : 1 dossier à traiter d’ici le 10 avril 2026")
            XCTAssertTrue(message.body.contains("/guichet/file/attestations"), message.body)
            let request = try await app.storedRequest(id)
            XCTAssertFalse(message.body.contains(request.nud ?? "?"), "no NUD in a mailbox")
            XCTAssertFalse(message.body.contains(request.form.applicant?.lastName ?? "?"), "no name in a mailbox")

            // The attestation sent, the next morning has nothing to say.
            try await sql.raw("UPDATE housing_requests SET attestation_due_on = NULL WHERE id = \(bind: id)").run()
            app.clock = .fixed(try JobSupport.day("2026-04-04").startOfDayDate)
            try await JobSupport.run(RegistrationDeadlineAlertsJob(), app)
            let total = try await alerts(app).count
            XCTAssertEqual(total, sent.count)
        }
    }

    private func alerts(_ app: Application) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).filter(\.$template == "registration-deadline").all()
    }
}
