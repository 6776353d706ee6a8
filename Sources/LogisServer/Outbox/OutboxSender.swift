import Fluent
import Foundation
import SQLKit
import Vapor

/// Drains the outbox: claims a batch of due messages in one conditional UPDATE (two senders
/// never hold the same message), sends each through the transport, then marks it sent, retries
/// it later with backoff, or marks it failed (docs/rules/jobs.md).
struct OutboxSender: Sendable {
    struct Report: Sendable, Equatable {
        var sent = 0
        var retried = 0
        var failed = 0
    }

    /// Waits after the 1st, 2nd… failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h; the attempt after
    /// the last wait is the last one (6 in all, spread over about 15 hours).
    static let backoff: [TimeInterval] = [60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600]
    static var maxAttempts: Int { backoff.count + 1 }
    /// A message `sending` for longer than this was held by a sender that died: it is sent again.
    static let lease: TimeInterval = 10 * 60

    let app: Application
    let transport: any MessageTransport
    var batchSize = 50

    init(app: Application, transport: (any MessageTransport)? = nil) {
        self.app = app
        self.transport = transport ?? app.outboxTransport
    }

    /// Sends every message due now, batch after batch, until none is left.
    func drain() async throws -> Report {
        var report = Report()
        while true {
            let owner = UUID()
            let batch = try await claim(owner: owner, now: app.clock.now)
            guard !batch.isEmpty else { return report }
            for row in batch {
                try await send(row, owner: owner, report: &report)
            }
        }
    }

    /// Marks up to `batchSize` due messages `sending` under `owner` and returns them.
    func claim(owner: UUID, now: Date) async throws -> [OutboxMessage] {
        guard let sql = app.db as? any SQLDatabase else { throw LogisError.internalError }
        // Letters are not sent by a transport: they wait on the desk's print list (`LetterPrintList`).
        let due: SQLQueryString = """
            channel <> \(bind: OutboxMessage.Channel.letter.rawValue) AND \
            ((status = \(bind: OutboxMessage.Status.pending.rawValue) AND next_attempt_at <= \(bind: now)) \
            OR (status = \(bind: OutboxMessage.Status.sending.rawValue) AND lease_until < \(bind: now)))
            """
        // The condition is repeated outside the sub-select: PostgreSQL re-checks it on the row a
        // concurrent sender has just claimed, so the second sender skips it.
        struct Row: Decodable { let id: UUID }
        let claimed = try await sql.raw(
            """
            UPDATE outbox_messages SET status = \(bind: OutboxMessage.Status.sending.rawValue), \
            claimed_by = \(bind: owner), lease_until = \(bind: now.addingTimeInterval(Self.lease)), \
            attempts = attempts + 1 \
            WHERE id IN (SELECT id FROM outbox_messages WHERE \(due) ORDER BY next_attempt_at LIMIT \(bind: batchSize)) \
            AND \(due) RETURNING id
            """
        ).all(decoding: Row.self)
        guard !claimed.isEmpty else { return [] }
        return try await OutboxMessage.query(on: app.db).filter(\.$id ~~ claimed.map(\.id))
            .filter(\.$claimedBy == owner).sort(\.$nextAttemptAt).all()
    }

    private func send(_ row: OutboxMessage, owner: UUID, report: inout Report) async throws {
        let id = try row.requireID()
        do {
            try await transport.send(try OutgoingMessage(row))
        } catch let failure {
            let (reason, permanent): (String, Bool) =
                switch failure as? MessageTransportError {
                case .permanent(let code): (code, true)
                case .transient(let code): (code, false)
                case nil: (LogisError.code(of: failure), false)
                }
            let now = app.clock.now
            if permanent || row.attempts >= Self.maxAttempts {
                try await settle(id, owner: owner, status: .failed, error: reason, nextAttempt: nil)
                report.failed += 1
                app.logger.warning("outbox \(id): failed after \(row.attempts) attempts (\(reason))")
            } else {
                let wait = Self.backoff[max(0, min(row.attempts - 1, Self.backoff.count - 1))]
                try await settle(
                    id, owner: owner, status: .pending, error: reason, nextAttempt: now.addingTimeInterval(wait))
                report.retried += 1
                app.logger.info("outbox \(id): attempt \(row.attempts) failed (\(reason)), retry in \(Int(wait)) s")
            }
            return
        }
        try await settle(id, owner: owner, status: .sent, error: nil, nextAttempt: nil)
        report.sent += 1
    }

    /// Records the outcome, only if this sender still holds the message.
    private func settle(
        _ id: UUID, owner: UUID, status: OutboxMessage.Status, error: String?, nextAttempt: Date?
    ) async throws {
        let now = app.clock.now
        let sentAt: Date? = status == .sent ? now : nil
        let held = try await ConditionalWrite.update(
            """
            UPDATE outbox_messages SET status = \(bind: status.rawValue), last_error = \(bind: error), \
            sent_at = \(bind: sentAt), next_attempt_at = \(bind: nextAttempt ?? now), claimed_by = NULL, \
            lease_until = NULL WHERE id = \(bind: id) AND claimed_by = \(bind: owner)
            """, on: app.db)
        if !held { app.logger.warning("outbox \(id): lease lost before its outcome was recorded") }
    }
}
