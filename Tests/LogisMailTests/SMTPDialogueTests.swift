import Foundation
import Testing

@testable import LogisMail

/// The client against `FakeSMTPServer`, in clear (`.plain`), unless the test is about security.
struct SMTPDialogueTests {
    private func message() throws -> MailMessage {
        MailMessage(
            from: try MailAddress("ne-pas-repondre@logis.test", displayName: "Logis"),
            to: [try MailAddress("helene@exemple.fr", displayName: "Hélène"), try MailAddress("guichet@vauvert.fr")],
            subject: "Proposition de logement : réponse attendue",
            body: "Madame,\nUn logement T3 à Vauvert vous est proposé.\n.\nRéponse avant le 30 novembre = 10 jours.\n",
            messageID: "offre-42@logis.test",
            date: Date(timeIntervalSince1970: 1_795_183_389))
    }

    @Test func sendsTheWholeDialogueAndTheServerGetsTheBodyBack() async throws {
        let server = try await FakeSMTPServer.start()
        defer { Task { await server.stop() } }
        let message = try message()

        try await SMTPClient(configuration: server.configuration()).send(message)

        let size = SMTPData.payload(try message.rendered()).count
        #expect(
            server.commands == [
                "EHLO localhost",
                // base64 of "\0agent\0s3cret=é"
                "AUTH PLAIN AGFnZW50AHMzY3JldD3DqQ==",
                "MAIL FROM:<ne-pas-repondre@logis.test> SIZE=\(size)",
                "RCPT TO:<helene@exemple.fr>",
                "RCPT TO:<guichet@vauvert.fr>",
                "DATA",
                "QUIT",
            ])
        let payload = try #require(server.payloads.first)
        #expect(payload.contains("\r\n..\r\n"))
        let received = MIMEDecoding.unstuffed(payload)
        let (headers, body) = MIMEDecoding.split(received)
        #expect(
            MIMEDecoding.quotedPrintable(body) == message.body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        let subject = try #require(headers.first { $0.hasPrefix("Subject:") })
        #expect(MIMEDecoding.headerValue(subject) == "Proposition de logement : réponse attendue")
    }

    @Test func usesAuthLoginWhenOnlyLoginIsOffered() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["AUTH LOGIN", "8BITMIME"]
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }

        try await SMTPClient(configuration: server.configuration()).send(try message())

        #expect(
            Array(server.commands.prefix(5)) == [
                "EHLO localhost", "AUTH LOGIN", "YWdlbnQ=", "czNjcmV0PcOp", "MAIL FROM:<ne-pas-repondre@logis.test>",
            ])
    }

    @Test func aRejectedRecipientIsAPermanentErrorAndNoDataIsSent() async throws {
        var script = FakeSMTPServer.Script()
        script.rcptReply = { line in
            line.contains("guichet") ? "550 5.1.1 <guichet@vauvert.fr>: No such user" : "250 OK"
        }
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: server.configuration()).send(try message())
        }

        #expect(error == .rejected(command: "RCPT TO", code: 550, text: "5.1.1 <guichet@vauvert.fr>: No such user"))
        #expect(error?.isPermanent == true)
        #expect(server.commands.suffix(2) == ["RCPT TO:<guichet@vauvert.fr>", "QUIT"])
        #expect(server.payloads.isEmpty)
    }

    @Test func aGreylistedRecipientIsATransientError() async throws {
        var script = FakeSMTPServer.Script()
        script.rcptReply = { _ in "451 4.7.1 Greylisted, try again later" }
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: server.configuration()).send(try message())
        }

        #expect(error?.code == 451)
        #expect(error?.isTransient == true)
    }

    @Test func aRefusedPasswordIsReportedWithoutTheCredentials() async throws {
        var script = FakeSMTPServer.Script()
        script.authReply = "535 5.7.8 Authentication credentials invalid"
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: server.configuration()).send(try message())
        }

        #expect(error == .rejected(command: "AUTH PLAIN", code: 535, text: "5.7.8 Authentication credentials invalid"))
        #expect(error?.isPermanent == true)
        let described = String(describing: error)
        #expect(!described.contains("s3cret") && !described.contains("AGFnZW50"))
    }

    @Test func startTLSRequiredRefusesToSendCredentialsToAServerWithoutIt() async throws {
        let server = try await FakeSMTPServer.start()
        defer { Task { await server.stop() } }

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: server.configuration(security: .startTLS)).send(try message())
        }

        #expect(error == .startTLSNotOffered)
        #expect(error?.isTransient == true)
        #expect(server.commands == ["EHLO localhost", "QUIT"])
    }

    @Test func startTLSIfAvailableGoesOnInClearWhenTheServerHasNoTLS() async throws {
        let server = try await FakeSMTPServer.start()
        defer { Task { await server.stop() } }

        try await SMTPClient(configuration: server.configuration(security: .startTLSIfAvailable)).send(try message())

        #expect(server.commands.contains { $0.hasPrefix("AUTH PLAIN ") })
        #expect(server.payloads.count == 1)
    }

    @Test func aServerThatNeverAnswersTimesOutAsATransientError() async throws {
        var script = FakeSMTPServer.Script()
        script.greeting = nil
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }
        var configuration = try server.configuration()
        configuration.commandTimeout = .milliseconds(200)

        let started = ContinuousClock.now
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration).send(try message())
        }

        #expect(error == .timedOut(waitingFor: "the reply to greeting"))
        #expect(error?.isTransient == true)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func aClosedPortIsATransientConnectionFailure() async throws {
        let server = try await FakeSMTPServer.start()
        let configuration = try server.configuration()
        await server.stop()

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration).send(try message())
        }

        guard case .connectionFailed = error else {
            Issue.record("expected a connection failure, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
    }

    @Test func aMessageLargerThanTheAnnouncedSizeIsRefusedBeforeMailFrom() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["AUTH PLAIN", "SIZE 100"]
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: server.configuration()).send(try message())
        }

        guard case .messageTooLarge(_, let limit) = error else {
            Issue.record("expected messageTooLarge, got \(String(describing: error))")
            return
        }
        #expect(limit == 100)
        #expect(error?.isPermanent == true)
        #expect(!server.commands.contains { $0.hasPrefix("MAIL FROM") })
    }
}
