/// Why a message was not delivered to the SMTP server. `isPermanent` is what an outbox needs:
/// a permanent failure will recur on every retry, a transient one may not.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered `command` (its verb only: never the credentials) with an unexpected code.
    case rejected(command: String, code: Int, text: String)
    case connectionFailed(String)
    case timedOut(waitingFor: String)
    case tlsFailed(String)
    /// `.startTLS` was asked for and the server did not offer it: credentials and the message stay
    /// home rather than cross the network in clear.
    case startTLSNotOffered
    /// Credentials are configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
    case noSupportedAuthentication(offered: [String])
    /// The message is larger than the SIZE the server announced.
    case messageTooLarge(size: Int, limit: Int)
    case malformedReply(String)

    /// 5xx replies and an oversized message fail again on every retry. Everything else is
    /// transient, including the refusals about TLS and authentication: the message itself is fine,
    /// and once an operator fixes the server or the configuration the retry goes through.
    public var isPermanent: Bool {
        switch self {
        case .rejected(_, let code, _): code >= 500
        case .messageTooLarge: true
        case .connectionFailed, .timedOut, .tlsFailed, .startTLSNotOffered, .noSupportedAuthentication,
            .malformedReply:
            false
        }
    }

    public var isTransient: Bool { !isPermanent }

    /// The server's reply code, when the failure is a reply.
    public var code: Int? {
        if case .rejected(_, let code, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .rejected(let command, let code, let text): "SMTP \(command): \(code) \(text)"
        case .connectionFailed(let reason): "SMTP connection failed: \(reason)"
        case .timedOut(let step): "SMTP timed out waiting for \(step)"
        case .tlsFailed(let reason): "SMTP TLS failed: \(reason)"
        case .startTLSNotOffered: "SMTP server does not offer STARTTLS; credentials not sent"
        case .noSupportedAuthentication(let offered):
            "SMTP server offers no supported AUTH mechanism (offered: \(offered.joined(separator: " ")))"
        case .messageTooLarge(let size, let limit): "message of \(size) bytes exceeds the server's SIZE \(limit)"
        case .malformedReply(let reason): "SMTP malformed reply: \(reason)"
        }
    }
}
