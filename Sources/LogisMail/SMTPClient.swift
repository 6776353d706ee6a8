import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends each message over a new connection (RFC 5321 dialogue, STARTTLS per RFC 3207, AUTH per
/// RFC 4954). It writes no log: errors name the failed command's verb, never the credentials or
/// the message.
public struct SMTPClient: MailTransport {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup

    public init(
        configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    /// Throws `MailMessageError` when the message cannot be written, `SMTPError` when it was not
    /// delivered to the server.
    public func send(_ message: MailMessage) async throws {
        let payload = SMTPData.payload(try message.rendered())
        let tls = configuration.security == .plain ? nil : try makeTLSContext()
        let connection = try await SMTPConnection.open(
            host: configuration.host, port: configuration.port,
            implicitTLS: configuration.security == .tls ? tls : nil,
            configuration: configuration, group: group)
        do {
            try await deliver(message, payload: payload, over: connection, tls: tls)
        } catch {
            if error.leavesTheDialogueInStep {
                _ = try? await connection.send("QUIT", label: "QUIT", expecting: [221])
            }
            await connection.close()
            throw error
        }
        // The server took responsibility for the message at its 250: a failed QUIT changes nothing.
        _ = try? await connection.send("QUIT", label: "QUIT", expecting: [221])
        await connection.close()
    }

    private func deliver(
        _ message: MailMessage, payload: [UInt8], over connection: SMTPConnection, tls: NIOSSLContext?
    ) async throws(SMTPError) {
        try await connection.send(nil, label: "greeting", expecting: [220])
        var extensions = try await hello(connection)
        if try startsTLS(offered: extensions.startTLS), let tls {
            try await connection.send("STARTTLS", label: "STARTTLS", expecting: [220])
            try await connection.upgradeToTLS(tls)
            // RFC 3207 §4.2: what the server said before TLS is forgotten.
            extensions = try await hello(connection)
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password, extensions: extensions, connection)
        }
        var mailFrom = "MAIL FROM:<\(configuration.from.address)>"
        if let limit = extensions.size {
            guard payload.count <= limit else { throw .messageTooLarge(size: payload.count, limit: limit) }
            mailFrom += " SIZE=\(payload.count)"
        }
        try await connection.send(mailFrom, label: "MAIL FROM", expecting: [250])
        for recipient in message.to {
            try await connection.send("RCPT TO:<\(recipient.address)>", label: "RCPT TO", expecting: [250, 251])
        }
        try await connection.send("DATA", label: "DATA", expecting: [354])
        try await connection.sendPayload(payload, label: "end of DATA", expecting: [250])
    }

    private func hello(_ connection: SMTPConnection) async throws(SMTPError) -> SMTPServerExtensions {
        let reply = try await connection.send("EHLO \(configuration.clientName)", label: "EHLO", expecting: [250])
        return SMTPServerExtensions(ehloReply: reply)
    }

    private func startsTLS(offered: Bool) throws(SMTPError) -> Bool {
        switch configuration.security {
        case .startTLS:
            guard offered else { throw .startTLSNotOffered }
            return true
        case .startTLSIfAvailable: return offered
        case .tls, .plain: return false
        }
    }

    private func authenticate(
        username: String, password: String, extensions: SMTPServerExtensions, _ connection: SMTPConnection
    ) async throws(SMTPError) {
        let mechanisms = extensions.authenticationMechanisms
        if mechanisms.contains("PLAIN") {
            // RFC 4616: authorization identity (empty), NUL, user, NUL, password.
            let token = base64(Array("\0\(username)\0\(password)".utf8))
            try await connection.send("AUTH PLAIN \(token)", label: "AUTH PLAIN", expecting: [235])
        } else if mechanisms.contains("LOGIN") {
            try await connection.send("AUTH LOGIN", label: "AUTH LOGIN", expecting: [334])
            try await connection.send(base64(Array(username.utf8)), label: "AUTH LOGIN username", expecting: [334])
            try await connection.send(base64(Array(password.utf8)), label: "AUTH LOGIN password", expecting: [235])
        } else {
            throw .noSupportedAuthentication(offered: mechanisms)
        }
    }

    private func makeTLSContext() throws(SMTPError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = configuration.trustRoots
        tls.certificateVerification = .fullVerification
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw .tlsFailed(String(describing: error))
        }
    }

    private func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}

extension SMTPError {
    /// After a refusal the server still listens, and RFC 5321 §4.1.1.10 asks for a QUIT; after a
    /// network failure or a timeout there is no one to say it to.
    fileprivate var leavesTheDialogueInStep: Bool {
        switch self {
        case .rejected, .startTLSNotOffered, .noSupportedAuthentication, .messageTooLarge: true
        case .connectionFailed, .timedOut, .tlsFailed, .malformedReply: false
        }
    }
}
