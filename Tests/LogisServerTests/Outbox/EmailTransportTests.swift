import Foundation
import LogisMail
import XCTest

@testable import LogisServer

/// The outbox's e-mails go to SMTP with the row's recipient, subject and text; SMTP's verdict
/// becomes the outbox's (permanent → failed at once, transient → retried).
final class EmailTransportTests: XCTestCase {
    actor RecordingMail: MailTransport {
        var sent: [MailMessage] = []
        let failure: SMTPError?
        init(failing failure: SMTPError? = nil) { self.failure = failure }
        func send(_ message: MailMessage) async throws {
            if let failure { throw failure }
            sent.append(message)
        }
    }

    actor RecordingOthers: MessageTransport {
        var sent: [OutgoingMessage] = []
        func send(_ message: OutgoingMessage) async throws { sent.append(message) }
    }

    func message(_ channel: OutboxMessage.Channel, to recipient: String) throws -> OutgoingMessage {
        let row = OutboxMessage()
        row.id = UUID()
        row.idempotenceKey = "test:1"
        row.channel = channel
        row.recipient = recipient
        row.template = "renewal-reminder"
        row.subject = "Renouvelez votre demande de logement social"
        row.body = "Bonjour,\nvotre demande arrive à échéance le 15 mars 2026."
        row.createdAt = Date(timeIntervalSince1970: 1_767_225_600)
        return try OutgoingMessage(row)
    }

    func testAnEmailGoesToSMTPWithItsRecipientSubjectAndText() async throws {
        let mail = RecordingMail()
        let others = RecordingOthers()
        let transport = EmailTransport(mail: mail, from: try MailAddress("logis@exemple.fr"), others: others)
        try await transport.send(try message(.email, to: "lea.martin@exemple.fr"))
        let sent = await mail.sent
        XCTAssertEqual(sent.count, 1)
        XCTAssertEqual(sent.first?.to.map(\.address), ["lea.martin@exemple.fr"])
        XCTAssertEqual(sent.first?.subject, "Renouvelez votre demande de logement social")
        XCTAssertTrue(sent.first?.body.contains("à échéance") == true)
        let handedOn = await others.sent
        XCTAssertTrue(handedOn.isEmpty)
    }

    func testALetterIsNotMailed() async throws {
        let mail = RecordingMail()
        let others = RecordingOthers()
        let transport = EmailTransport(mail: mail, from: try MailAddress("logis@exemple.fr"), others: others)
        try await transport.send(try message(.letter, to: "Léa Martin\n3 rue des Arènes\n30600 Vauvert"))
        let mailed = await mail.sent
        let handedOn = await others.sent
        XCTAssertTrue(mailed.isEmpty)
        XCTAssertEqual(handedOn.count, 1)
    }

    func testSMTPVerdictsBecomeTheOutboxs() async throws {
        let cases: [(SMTPError, MessageTransportError)] = [
            (.rejected(command: "RCPT TO", code: 550, text: "no such user"), .permanent("smtp_550")),
            (.rejected(command: "RCPT TO", code: 451, text: "try later"), .transient("smtp_451")),
            (.connectionFailed("refused"), .transient("smtp_unavailable")),
        ]
        for (failure, expected) in cases {
            let transport = EmailTransport(
                mail: RecordingMail(failing: failure), from: try MailAddress("logis@exemple.fr"),
                others: RecordingOthers())
            do {
                try await transport.send(try message(.email, to: "lea.martin@exemple.fr"))
                XCTFail("\(failure) was not reported")
            } catch let error as MessageTransportError {
                XCTAssertEqual(error, expected)
            }
        }
        let transport = EmailTransport(
            mail: RecordingMail(), from: try MailAddress("logis@exemple.fr"), others: RecordingOthers())
        do {
            try await transport.send(try message(.email, to: "pas une adresse"))
            XCTFail("an unusable address was sent")
        } catch let error as MessageTransportError {
            XCTAssertEqual(error, .permanent("invalid_address"))
        }
    }
}
