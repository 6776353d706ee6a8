import Fluent
import LogisCore
import NIOConcurrencyHelpers
import XCTVapor

@testable import LogisServer

/// A transport that answers from a script and records what it was asked to send.
final class ScriptedTransport: MessageTransport {
    private let state: NIOLockedValueBox<(script: [MessageTransportError?], sent: [UUID])>

    /// `script[i]` is the answer to the i-th send (nil: success); past its end, success.
    init(_ script: [MessageTransportError?] = []) { state = NIOLockedValueBox((script, [])) }

    var sent: [UUID] { state.withLockedValue { $0.sent } }

    func send(_ message: OutgoingMessage) async throws {
        let failure: MessageTransportError? = state.withLockedValue { state in
            state.sent.append(message.id)
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
        if let failure { throw failure }
    }
}

/// The outbox: a message exists iff its event committed, is queued once per key, is sent once,
/// retried with backoff on transient failures and failed at once on permanent ones.
final class OutboxTests: XCTestCase {
    static let start = try! CalendarDate(iso: "2026-01-15").startOfDayDate

    static func draft(_ subject: String = "Votre demande est à renouveler") -> MessageDraft {
        MessageDraft(
            channel: .email, accountID: nil, requestID: nil, recipient: "personne@exemple.fr",
            template: "renewal-reminder-2_mois", subject: subject, body: "Madame, Monsieur, … l’ancienneté …")
    }

    static func only(_ app: Application, key: String = "k") async throws -> OutboxMessage {
        let found = try await OutboxMessage.query(on: app.db).filter(\.$idempotenceKey == key).first()
        return try XCTUnwrap(found)
    }

    func testTheSameKeyIsQueuedOnceAndAMessageOfARolledBackEventDoesNotExist() async throws {
        try await withApp { app in
            let first = try await Outbox.enqueue(Self.draft(), key: "k1", now: Self.start, on: app.db)
            let second = try await Outbox.enqueue(Self.draft(), key: "k1", now: Self.start, on: app.db)
            XCTAssertEqual([first, second], [true, false])
            struct Abort: Error {}
            do {
                try await app.db.transaction { db in
                    try await Outbox.enqueue(Self.draft(), key: "k2", now: Self.start, on: db)
                    // A duplicate inside a transaction does not abort it (PostgreSQL included).
                    try await Outbox.enqueue(Self.draft(), key: "k1", now: Self.start, on: db)
                    _ = try await OutboxMessage.query(on: db).count()
                    throw Abort()
                }
            } catch is Abort {}
            let keys = try await OutboxMessage.query(on: app.db).all().map(\.idempotenceKey)
            XCTAssertEqual(keys, ["k1"])
        }
    }

    func testATransientFailureIsRetriedWithBackoffThenSentOnce() async throws {
        try await withApp { app in
            try await Outbox.enqueue(Self.draft(), key: "k", now: Self.start, on: app.db)
            let transport = ScriptedTransport([.transient("smtp_451"), .transient("timeout")])
            let sender = OutboxSender(app: app, transport: transport)
            app.clock = .fixed(Self.start)
            var report = try await sender.drain()
            XCTAssertEqual(report, .init(sent: 0, retried: 1, failed: 0))
            var row = try await Self.only(app)
            XCTAssertEqual(row.status, .pending)
            XCTAssertEqual(row.lastError, "smtp_451")
            XCTAssertEqual(row.nextAttemptAt.timeIntervalSince(Self.start), 60, accuracy: 1, "1 minute")

            app.clock = .fixed(Self.start.addingTimeInterval(59))
            report = try await sender.drain()
            XCTAssertEqual(report, .init(), "not due yet")

            app.clock = .fixed(Self.start.addingTimeInterval(60))
            report = try await sender.drain()
            XCTAssertEqual(report.retried, 1)
            row = try await Self.only(app)
            XCTAssertEqual(row.nextAttemptAt.timeIntervalSince(Self.start), 60 + 300, accuracy: 1, "then 5 minutes")

            app.clock = .fixed(Self.start.addingTimeInterval(360))
            report = try await sender.drain()
            XCTAssertEqual(report.sent, 1)
            row = try await Self.only(app)
            XCTAssertEqual(row.status, .sent)
            XCTAssertEqual(row.attempts, 3)
            XCTAssertNotNil(row.sentAt)

            app.clock = .fixed(Self.start.addingTimeInterval(86_400))
            report = try await sender.drain()
            XCTAssertEqual(report, .init(), "a sent message is never sent again")
            XCTAssertEqual(transport.sent.count, 3)
        }
    }

    func testAPermanentFailureFailsAtOnceAndTransientOnesGiveUpAfterTheLastAttempt() async throws {
        try await withApp { app in
            try await Outbox.enqueue(Self.draft(), key: "refused", now: Self.start, on: app.db)
            app.clock = .fixed(Self.start)
            let refusing = ScriptedTransport([.permanent("smtp_550")])
            let report = try await OutboxSender(app: app, transport: refusing).drain()
            XCTAssertEqual(report.failed, 1)
            let refused = try await Self.only(app, key: "refused")
            XCTAssertEqual(refused.status, .failed)
            XCTAssertEqual(refused.attempts, 1)
            XCTAssertEqual(refused.lastError, "smtp_550")

            try await Outbox.enqueue(Self.draft(), key: "down", now: Self.start, on: app.db)
            let down = ScriptedTransport(Array(repeating: .transient("connection_refused"), count: 10))
            let sender = OutboxSender(app: app, transport: down)
            var elapsed: TimeInterval = 0
            for wait in [0] + OutboxSender.backoff {
                elapsed += wait
                app.clock = .fixed(Self.start.addingTimeInterval(elapsed))
                _ = try await sender.drain()
            }
            let gaveUp = try await Self.only(app, key: "down")
            XCTAssertEqual(gaveUp.status, .failed)
            XCTAssertEqual(gaveUp.attempts, OutboxSender.maxAttempts)
            XCTAssertEqual(down.sent.count, OutboxSender.maxAttempts)
        }
    }

    func testTwoSendersAtOnceSendEachMessageOnce() async throws {
        try await withApp { app in
            for number in 0..<20 {
                try await Outbox.enqueue(Self.draft(), key: "k\(number)", now: Self.start, on: app.db)
            }
            app.clock = .fixed(Self.start)
            let transport = ScriptedTransport()
            var one = OutboxSender(app: app, transport: transport)
            one.batchSize = 3
            var two = OutboxSender(app: app, transport: transport)
            two.batchSize = 3
            async let first = one.drain()
            async let second = two.drain()
            let total = try await first.sent + second.sent
            XCTAssertEqual(total, 20)
            XCTAssertEqual(transport.sent.count, 20)
            XCTAssertEqual(Set(transport.sent).count, 20, "no message sent twice")
        }
    }

    func testAMessageHeldByADeadSenderIsSentAfterItsLease() async throws {
        try await withApp { app in
            try await Outbox.enqueue(Self.draft(), key: "k", now: Self.start, on: app.db)
            let transport = ScriptedTransport()
            let sender = OutboxSender(app: app, transport: transport)
            let held = try await sender.claim(owner: UUID(), now: Self.start)
            XCTAssertEqual(held.count, 1, "claimed, then the sender died")
            app.clock = .fixed(Self.start.addingTimeInterval(60))
            var report = try await sender.drain()
            XCTAssertEqual(report.sent, 0, "still under its lease")
            app.clock = .fixed(Self.start.addingTimeInterval(OutboxSender.lease + 1))
            report = try await sender.drain()
            XCTAssertEqual(report.sent, 1)
            XCTAssertEqual(transport.sent.count, 1)
        }
    }

    func testTheLogTransportWritesAReadableFileNamedByDateAndID() async throws {
        try await withApp { app in
            let folder = "var/tests/outbox-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await Outbox.enqueue(Self.draft("Rappel : échéance"), key: "k", now: Self.start, on: app.db)
            app.clock = .fixed(Self.start)
            let report = try await OutboxSender(app: app, transport: LogTransport(directory: folder)).drain()
            XCTAssertEqual(report.sent, 1)
            let row = try await Self.only(app)
            let name = "2026-01-15_\(try row.requireID().uuidString.lowercased()).txt"
            let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
            XCTAssertTrue(text.contains("Objet : Rappel : échéance"), text)
            XCTAssertTrue(text.contains("À : personne@exemple.fr"), text)
            XCTAssertTrue(text.contains("l’ancienneté"), text)
        }
    }
}
