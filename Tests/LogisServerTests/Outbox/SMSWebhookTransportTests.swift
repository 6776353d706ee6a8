import Fluent
import LogisCore
import NIOConcurrencyHelpers
import XCTVapor

@testable import LogisServer

/// A real HTTP gateway on loopback: it records each request and answers with the next scripted status.
final class FakeSMSGateway: Sendable {
    struct Received: Sendable {
        let authorization: String?
        let contentType: String?
        let body: SMSWebhookTransport.Payload?
    }

    private let state: NIOLockedValueBox<(statuses: [HTTPStatus], received: [Received])>
    let app: Application
    let port: Int

    var received: [Received] { state.withLockedValue { $0.received } }
    var url: URI { URI(string: "http://127.0.0.1:\(port)/sms") }

    /// `statuses[i]` answers the i-th SMS; past the end, 202. `/lent` answers after 2 seconds.
    static func start(_ statuses: [HTTPStatus] = []) async throws -> FakeSMSGateway {
        let app = try await Application.make(.testing)
        let state = NIOLockedValueBox<(statuses: [HTTPStatus], received: [Received])>((statuses, []))
        app.post("sms") { req -> HTTPStatus in
            let received = Received(
                authorization: req.headers.first(name: .authorization),
                contentType: req.headers.contentType?.serialize(),
                body: try? req.content.decode(SMSWebhookTransport.Payload.self))
            return state.withLockedValue { state in
                state.received.append(received)
                return state.statuses.isEmpty ? .accepted : state.statuses.removeFirst()
            }
        }
        app.post("lent") { _ -> HTTPStatus in
            try await Task.sleep(for: .seconds(2))
            return .accepted
        }
        do {
            let port = try await app.startServer()
            return FakeSMSGateway(app: app, port: port, state: state)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    private init(app: Application, port: Int, state: NIOLockedValueBox<(statuses: [HTTPStatus], received: [Received])>)
    {
        self.app = app
        self.port = port
        self.state = state
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

/// SMS go to the configured webhook: the body and the bearer token as documented; 2xx sent,
/// 4xx failed at once, 5xx, timeouts and a closed port retried with the outbox's backoff.
final class SMSWebhookTransportTests: XCTestCase {
    static let start = try! CalendarDate(iso: "2026-01-15").startOfDayDate

    static func sms(_ key: String, to phone: String = "+33612345678") -> MessageDraft {
        MessageDraft(
            channel: .sms, accountID: nil, requestID: nil, recipient: phone, template: "renewal-reminder-2_mois",
            subject: "Votre demande est à renouveler", body: "Logis : votre demande est à renouveler avant le 15 mars.")
    }

    func withGateway(
        _ statuses: [HTTPStatus], _ body: (Application, FakeSMSGateway) async throws -> Void
    ) async throws {
        let gateway = try await FakeSMSGateway.start(statuses)
        do {
            try await withApp { app in
                app.clock = .fixed(Self.start)
                try await body(app, gateway)
            }
        } catch {
            try? await gateway.stop()
            throw error
        }
        try await gateway.stop()
    }

    func testTheWebhookReceivesTheNumberTheTextTheKeyAndTheBearerToken() async throws {
        try await withGateway([]) { app, gateway in
            try await Outbox.enqueue(Self.sms("k-sms"), key: "k-sms", now: Self.start, on: app.db)
            let others = ScriptedTransport()
            let transport = SMSWebhookTransport(
                client: app.client, url: gateway.url, token: "jeton-secret", others: others)
            let report = try await OutboxSender(app: app, transport: transport).drain()
            XCTAssertEqual(report, .init(sent: 1, retried: 0, failed: 0))
            let received = try XCTUnwrap(gateway.received.first)
            XCTAssertEqual(gateway.received.count, 1)
            XCTAssertEqual(received.authorization, "Bearer jeton-secret")
            XCTAssertEqual(received.contentType?.hasPrefix("application/json"), true)
            XCTAssertEqual(
                received.body,
                .init(to: "+33612345678", text: "Logis : votre demande est à renouveler avant le 15 mars.", id: "k-sms")
            )
            XCTAssertTrue(others.sent.isEmpty, "an SMS does not go to the other transport")
            let row = try await OutboxTests.only(app, key: "k-sms")
            XCTAssertEqual(row.status, .sent)
        }
    }

    func testA4xxFailsAtOnceAndA5xxIsRetriedWithBackoff() async throws {
        try await withGateway([.badRequest, .serviceUnavailable]) { app, gateway in
            try await Outbox.enqueue(Self.sms("a"), key: "a", now: Self.start, on: app.db)
            try await Outbox.enqueue(Self.sms("b"), key: "b", now: Self.start.addingTimeInterval(1), on: app.db)
            app.clock = .fixed(Self.start.addingTimeInterval(1))
            let transport = SMSWebhookTransport(
                client: app.client, url: gateway.url, token: nil, others: ScriptedTransport())
            let sender = OutboxSender(app: app, transport: transport)
            var report = try await sender.drain()
            XCTAssertEqual(report, .init(sent: 0, retried: 1, failed: 1))
            let refused = try await OutboxTests.only(app, key: "a")
            XCTAssertEqual(refused.status, .failed)
            XCTAssertEqual(refused.lastError, "sms_400")
            var later = try await OutboxTests.only(app, key: "b")
            XCTAssertEqual(later.status, .pending)
            XCTAssertEqual(later.lastError, "sms_503")
            XCTAssertNil(gateway.received.first?.authorization, "no token configured, no header")

            app.clock = .fixed(Self.start.addingTimeInterval(61))
            report = try await sender.drain()
            XCTAssertEqual(report, .init(sent: 1, retried: 0, failed: 0), "the gateway answers 202 this time")
            later = try await OutboxTests.only(app, key: "b")
            XCTAssertEqual(later.status, .sent)
            XCTAssertEqual(gateway.received.count, 3)
        }
    }

    func testATimeoutAndAClosedPortAreRetried() async throws {
        try await withGateway([]) { app, gateway in
            try await Outbox.enqueue(Self.sms("lent"), key: "lent", now: Self.start, on: app.db)
            var slow = SMSWebhookTransport(
                client: app.client, url: URI(string: "http://127.0.0.1:\(gateway.port)/lent"), token: nil,
                others: ScriptedTransport())
            slow.timeout = .milliseconds(300)
            var report = try await OutboxSender(app: app, transport: slow).drain()
            XCTAssertEqual(report, .init(sent: 0, retried: 1, failed: 0))
            let timedOut = try await OutboxTests.only(app, key: "lent")
            XCTAssertEqual(timedOut.lastError, "sms_unreachable")

            let closedPort = try await FakeSMSGateway.start()
            let url = closedPort.url
            try await closedPort.stop()
            app.clock = .fixed(Self.start.addingTimeInterval(61))
            var closed = SMSWebhookTransport(client: app.client, url: url, token: nil, others: ScriptedTransport())
            // The client retries a refused connection until the deadline: keep the test short.
            closed.timeout = .milliseconds(500)
            report = try await OutboxSender(app: app, transport: closed).drain()
            XCTAssertEqual(report, .init(sent: 0, retried: 1, failed: 0))
            let refused = try await OutboxTests.only(app, key: "lent")
            XCTAssertEqual(refused.attempts, 2)
            XCTAssertEqual(refused.status, .pending)
        }
    }

    func testAStoredNumberThatIsNotAFrenchMobileFailsWithoutCallingTheGateway() async throws {
        try await withGateway([]) { app, gateway in
            try await Outbox.enqueue(Self.sms("fixe", to: "04 66 00 00 00"), key: "fixe", now: Self.start, on: app.db)
            let transport = SMSWebhookTransport(
                client: app.client, url: gateway.url, token: nil, others: ScriptedTransport())
            let report = try await OutboxSender(app: app, transport: transport).drain()
            XCTAssertEqual(report, .init(sent: 0, retried: 0, failed: 1))
            let landline = try await OutboxTests.only(app, key: "fixe")
            XCTAssertEqual(landline.lastError, "invalid_phone")
            XCTAssertTrue(gateway.received.isEmpty)
        }
    }

    func testMobileNumbersAreReadInTheirUsualWritingsAndLandlinesRefused() {
        for typed in ["06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678", "+33 (0)6 12 34 56 78"]
        {
            XCTAssertEqual(MobileNumber(typed)?.e164, "+33612345678", typed)
        }
        XCTAssertEqual(MobileNumber("07-98-76-54-32")?.national, "07 98 76 54 32")
        for refused in ["04 66 00 00 00", "06 12 34 56", "+44 7911 123456", "06 12 34 56 78 9", "six", ""] {
            XCTAssertNil(MobileNumber(refused), refused)
        }
    }

    func testEverySMSTextFitsTwoMessages() throws {
        let schedule = RequestCalendar.renewal(registeredOn: try CalendarDate(iso: "2025-09-30"))
        let texts = [
            MessageTexts.renewalReminder(.sevenDays, nud: "030112600001FSPCV", schedule: schedule),
            MessageTexts.strikingOffNotice(nud: "030112600001FSPCV", schedule: schedule, on: schedule.radiation),
            MessageTexts.nudIssued(nud: "030112600001FSPCV", anniversary: schedule.anniversary),
            MessageTexts.pieceRefused(piece: "Pièce d’identité", reason: "illisible", comment: nil),
            MessageTexts.caleolDecision("Attribution.", motif: nil), MessageTexts.offerMade("Un T3."),
            MessageTexts.offerLapsed("Sans réponse."),
            MessageText(template: "x", subject: String(repeating: "é", count: 400), body: ""),
        ]
        for text in texts {
            XCTAssertLessThanOrEqual(text.smsText.count, MessageText.smsLimit, text.template)
            XCTAssertFalse(text.smsText.contains("030112600001FSPCV"), "\(text.template): no NUD in an SMS")
        }
    }
}
