import Foundation
import LogisMail

/// Sends the outbox's e-mails through SMTP (`LogisMail`), and hands the other channels to the
/// file transport (SMS when no webhook is configured; letters never come here: they wait on
/// the desk's print list, docs/rules/jobs.md).
struct EmailTransport: MessageTransport {
    let mail: any MailTransport
    let from: MailAddress
    let others: any MessageTransport

    func send(_ message: OutgoingMessage) async throws {
        guard message.channel == .email else { return try await others.send(message) }
        let mailMessage: MailMessage
        do {
            mailMessage = MailMessage(
                from: from, to: [try MailAddress(message.recipient)], subject: message.subject, body: message.body,
                // One Message-ID per outbox row: a retried send is recognisably the same message.
                messageID: "<\(message.id.uuidString.lowercased())@logis>", date: message.createdAt)
        } catch {
            // An address the message format refuses will be refused on every attempt.
            throw MessageTransportError.permanent("invalid_address")
        }
        do {
            try await mail.send(mailMessage)
        } catch let failure as SMTPError {
            let reason = failure.code.map { "smtp_\($0)" } ?? "smtp_unavailable"
            throw failure.isPermanent
                ? MessageTransportError.permanent(reason) : MessageTransportError.transient(reason)
        } catch is MailMessageError {
            throw MessageTransportError.permanent("message_not_writable")
        }
    }
}
