import Foundation

/// What sends one message: the `log` transport of the demo (files under `var/outbox/`), and the
/// e-mail transport that the `LogisMail` target (SMTP, written separately) will provide through
/// an adapter `MessageTransport` → `MailTransport`, chosen in `Application.outboxTransport`.
protocol MessageTransport: Sendable {
    /// Sends `message` or throws a `MessageTransportError`; any other error counts as transient.
    func send(_ message: OutgoingMessage) async throws
}

/// A message as a transport sees it (the outbox row, without its sending state).
struct OutgoingMessage: Sendable, Equatable {
    let id: UUID
    let idempotenceKey: String
    let channel: OutboxMessage.Channel
    let recipient: String
    let template: String
    let subject: String
    let body: String
    let createdAt: Date

    init(_ row: OutboxMessage) throws {
        id = try row.requireID()
        idempotenceKey = row.idempotenceKey
        channel = row.channel
        recipient = row.recipient
        template = row.template
        subject = row.subject
        body = row.body
        createdAt = row.createdAt
    }
}

/// Why a send failed. `reason` is a code (an SMTP reply code, `timeout`), never an address or
/// message text: it is stored in `last_error` and logged.
enum MessageTransportError: Error, Equatable {
    /// May work later (server unavailable, 4xx reply, timeout): retried with backoff.
    case transient(String)
    /// Will never work (address refused, 5xx reply): failed at once.
    case permanent(String)
}
