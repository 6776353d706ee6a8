import Fluent
import Foundation
import SQLKit

/// A message ready to be queued: who receives it, by which channel, and its French text.
struct MessageDraft: Sendable, Equatable {
    var channel: OutboxMessage.Channel
    var accountID: UUID?
    var requestID: UUID?
    var recipient: String
    var template: String
    var subject: String
    var body: String
}

enum Outbox {
    /// Queues a message in `db`, which must be the transaction of the event that causes it, so the
    /// message exists if and only if the event committed. A key already queued is a no-op (a job
    /// run twice, a run taken over): true when this call added the message.
    @discardableResult
    static func enqueue(_ draft: MessageDraft, key: String, now: Date, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw LogisError.internalError }
        struct Row: Decodable { let id: UUID }
        // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed
        // statement would abort the caller's whole transaction.
        let added = try await sql.raw(
            """
            INSERT INTO outbox_messages (id, idempotence_key, channel, account_id, request_id, recipient, template, \
            subject, body, status, attempts, next_attempt_at, created_at) VALUES (\(bind: UUID()), \(bind: key), \
            \(bind: draft.channel.rawValue), \(bind: draft.accountID), \(bind: draft.requestID), \(bind: draft.recipient), \
            \(bind: draft.template), \(bind: draft.subject), \(bind: draft.body), \
            \(bind: OutboxMessage.Status.pending.rawValue), 0, \(bind: now), \(bind: now)) \
            ON CONFLICT (idempotence_key) DO NOTHING RETURNING id
            """
        ).first(decoding: Row.self)
        return added != nil
    }
}
