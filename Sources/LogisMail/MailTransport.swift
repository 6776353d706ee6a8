/// Where the outbox hands a message: SMTP in production, a file-writing transport in development.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}
