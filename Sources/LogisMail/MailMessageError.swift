/// Why a message cannot be rendered. Each is a mistake in the caller's data, so retrying never helps.
public enum MailMessageError: Error, Sendable, Equatable {
    /// A header value held CR or LF: written as is, it would add headers of the sender's choosing.
    case headerInjection(field: String)
    case invalidAddress(String)
    case noRecipient
    case invalidMessageID(String)
}
