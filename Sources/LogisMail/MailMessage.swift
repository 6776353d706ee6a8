import Foundation

/// A plain-text e-mail, rendered as RFC 5322 / MIME: UTF-8 quoted-printable body, encoded-word
/// headers, CRLF line endings, 7-bit throughout so no relay needs 8BITMIME.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var body: String
    /// Given by the caller (the outbox stores it) so that a retry sends the same message, which
    /// receivers can then recognise as a duplicate.
    public var messageID: String
    /// Given by the caller: the server reads one clock.
    public var date: Date

    public init(
        from: MailAddress, to: [MailAddress], subject: String, body: String, messageID: String, date: Date
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
    }

    /// The message as it goes after DATA, before dot-stuffing.
    public func rendered() throws(MailMessageError) -> String {
        guard !to.isEmpty else { throw .noRecipient }
        let headers = [
            try HeaderField.raw("Date", RFC5322Date.format(date)),
            try HeaderField.mailboxes("From", [from]),
            try HeaderField.mailboxes("To", to),
            try HeaderField.text("Subject", subject),
            try HeaderField.raw("Message-ID", try normalizedMessageID()),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(body) + "\r\n"
    }

    /// RFC 5322 §3.6.4: "<left@right>", ASCII without spaces; the brackets are added when missing.
    private func normalizedMessageID() throws(MailMessageError) -> String {
        if messageID.containsLineBreak { throw .headerInjection(field: "Message-ID") }
        var id = messageID.trimmingSpaces()
        if !id.hasPrefix("<") { id = "<" + id + ">" }
        let inner = id.dropFirst().dropLast()
        let isValid =
            id.hasSuffix(">") && inner.split(separator: "@", omittingEmptySubsequences: false).count == 2
            && !inner.hasPrefix("@") && !inner.hasSuffix("@")
            && inner.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
        guard isValid else { throw .invalidMessageID(messageID) }
        return id
    }
}
