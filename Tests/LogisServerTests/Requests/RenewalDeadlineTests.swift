import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// One striking-off day, read from the one clock: renewal until the day before the radiation
/// date, the striking-off queue from that date (RequestDeadlines, seed 003).
final class RenewalDeadlineTests: XCTestCase {
    func testRenewalClosesAndStrikingOffOpensOnTheSameDay() async throws {
        try await withApp(demo: true) { app in
            let clock = MovableClock(try CalendarDate(iso: "2025-03-15"))
            app.clock = clock.logisClock
            let (_, id) = try await app.registeredApplicantRequest()
            let stored = try await app.storedRequest(id)
            XCTAssertEqual(stored.firstFiledOn, "2025-03-15", "registered on the clock's day")
            let owner = try await stored.$account.get(on: app.db)
            let applicant = try XCTUnwrap(owner).email

            // Sessions last 12 hours by the same clock: each day needs a new sign-in.
            clock.set(try CalendarDate(iso: "2026-04-14"))
            let onTheEve = try await strikeOffQueue(app, token: try await app.demoToken("enregistreur@demo.logis.fr"))
            XCTAssertFalse(onTheEve.contains(id), "not struck off on the last day to renew")

            clock.set(try CalendarDate(iso: "2026-04-15"))
            var token = try await app.token(email: applicant, password: "Logement-Test-2026")
            try await app.send(
                .POST, "api/v1/requests/\(id)/renew",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .conflict, "the radiation date: too late to renew") })
            let onTheDay = try await strikeOffQueue(app, token: try await app.demoToken("enregistreur@demo.logis.fr"))
            XCTAssertTrue(onTheDay.contains(id), "in the striking-off queue from the radiation date")

            clock.set(try CalendarDate(iso: "2026-04-14"))
            token = try await app.token(email: applicant, password: "Logement-Test-2026")
            try await app.send(
                .POST, "api/v1/requests/\(id)/renew",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .ok, "the day before, renewal is open") })
        }
    }

    private func strikeOffQueue(_ app: Application, token: String) async throws -> [UUID] {
        struct Queue: Decodable {
            struct Item: Decodable { let requestID: UUID }
            let items: [Item]
            let count: Int
        }
        var ids: [UUID] = []
        try await app.send(
            .GET, "api/v1/guichet/queues/a-radier",
            beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
            afterResponse: { res in
                XCTAssertEqual(res.status, .ok, res.body.string)
                ids = try res.content.decode(Queue.self).items.map(\.requestID)
            })
        return ids
    }
}
