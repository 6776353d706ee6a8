import Fluent
import Foundation

/// A message to a person, written in the transaction of the event that causes it: it exists if
/// and only if the event committed. The sender drains these rows (docs/rules/jobs.md).
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    enum Channel: String, Codable, Sendable, CaseIterable {
        case email
        case sms
        /// A letter for the desk's print list (a person with no e-mail address).
        case letter
    }

    /// pending → sending → sent; sending → pending (transient failure, later) or failed.
    enum Status: String, Codable, Sendable {
        case pending
        case sending
        case sent
        case failed
    }

    @ID(key: .id) var id: UUID?
    /// Who and what the message is for, e.g. `renewal-reminder:<request>:2026-03-15:2_mois`: a
    /// second enqueue of the same key is ignored.
    @Field(key: "idempotence_key") var idempotenceKey: String
    @Field(key: "channel") var channel: Channel
    @OptionalField(key: "account_id") var accountID: UUID?
    @OptionalField(key: "request_id") var requestID: UUID?
    /// The e-mail address, phone number or postal address, as it was when the message was written.
    @Field(key: "recipient") var recipient: String
    @Field(key: "template") var template: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    /// Who is sending it and until when: a sender that died leaves a lease that runs out.
    @OptionalField(key: "claimed_by") var claimedBy: UUID?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    /// A code, never personal data (no address, no message text).
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}
