import Foundation
import Testing

@testable import LogisMail

/// STARTTLS and implicit TLS against `FakeSMTPServer` with a certificate authority made for the run.
struct SMTPTLSTests {
    private func message() throws -> MailMessage {
        MailMessage(
            from: try MailAddress("ne-pas-repondre@logis.test"), to: [try MailAddress("helene@exemple.fr")],
            subject: "Code de rattachement", body: "Votre code : 4821-É", messageID: "tls-1@logis.test",
            date: Date(timeIntervalSince1970: 1_795_183_389))
    }

    @Test func startTLSUpgradesBeforeTheCredentialsAndTheMessage() async throws {
        let authority = try TestCertificateAuthority()
        var script = FakeSMTPServer.Script()
        script.startTLS = try authority.serverContext()
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }
        let configuration = try server.configuration(
            security: .startTLS, host: "localhost", trustRoots: authority.clientTrustRoots)

        try await SMTPClient(configuration: configuration).send(try message())

        #expect(Array(server.commands.prefix(3)) == ["EHLO localhost", "STARTTLS", "EHLO localhost"])
        #expect(server.commandsOverTLS.first == "EHLO localhost")
        #expect(server.commandsOverTLS.contains { $0.hasPrefix("AUTH PLAIN ") })
        #expect(server.commandsOverTLS.contains("DATA"))
        #expect(
            server.commands.filter { $0.hasPrefix("AUTH") } == server.commandsOverTLS.filter { $0.hasPrefix("AUTH") })
        let payload = try #require(server.payloads.first)
        #expect(
            MIMEDecoding.quotedPrintable(MIMEDecoding.split(MIMEDecoding.unstuffed(payload)).body)
                == "Votre code : 4821-É\r\n")
    }

    @Test func anUntrustedCertificateStopsTheDialogueBeforeTheCredentials() async throws {
        let authority = try TestCertificateAuthority()
        var script = FakeSMTPServer.Script()
        script.startTLS = try authority.serverContext()
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }
        // The system's roots do not know the test authority.
        let configuration = try server.configuration(security: .startTLS, host: "localhost")

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration).send(try message())
        }

        guard case .tlsFailed = error else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
        #expect(server.commands == ["EHLO localhost", "STARTTLS"])
    }

    @Test func aCertificateForAnotherNameIsRefused() async throws {
        let authority = try TestCertificateAuthority()
        var script = FakeSMTPServer.Script()
        script.startTLS = try authority.serverContext()
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }
        // The certificate names "localhost" only; connecting by address must not accept it.
        let configuration = try server.configuration(
            security: .startTLS, host: "127.0.0.1", trustRoots: authority.clientTrustRoots)

        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration).send(try message())
        }

        guard case .tlsFailed = error else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
            return
        }
        #expect(!server.commands.contains { $0.hasPrefix("AUTH") })
    }

    @Test func implicitTLSSpeaksTLSFromTheFirstByte() async throws {
        let authority = try TestCertificateAuthority()
        var script = FakeSMTPServer.Script()
        script.implicitTLS = try authority.serverContext()
        let server = try await FakeSMTPServer.start(script)
        defer { Task { await server.stop() } }
        let configuration = try server.configuration(
            security: .tls, host: "localhost", trustRoots: authority.clientTrustRoots)

        try await SMTPClient(configuration: configuration).send(try message())

        #expect(server.commands.first == "EHLO localhost")
        #expect(server.commandsOverTLS == server.commands)
        #expect(server.payloads.count == 1)
    }
}
