import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Issue 12's done-when: a request registered on 2025-03-15 is reminded on 2026-01-15 (seed 003,
/// « 2 mois avant »), 2026-02-13 and 2026-03-08 (30 and 7 days before), each once.
final class RenewalRemindersJobTests: XCTestCase {
    func testThreeRemindersOnTheirDaysAndNoneTwiceWhenTheJobRunsTwiceADay() async throws {
        try await withApp(demo: true) { app in
            let id = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            let email = try await app.storedRequest(id).$account.get(on: app.db)?.email
            let clock = MovableClock(try JobSupport.day("2026-01-01"))
            app.clock = clock.logisClock
            var day = try JobSupport.day("2026-01-01")
            while day <= (try JobSupport.day("2026-03-20")) {
                clock.set(day)
                let first = try await JobSupport.run(RenewalRemindersJob(), app)
                XCTAssertEqual(first.outcome, .done, day.iso)
                let second = try await JobSupport.run(RenewalRemindersJob(), app)
                XCTAssertEqual(second.outcome, .alreadyDone, "a second run the same day does nothing (\(day.iso))")
                day = day.adding(days: 1)
            }
            let messages = try await JobSupport.messages(for: id, app)
            XCTAssertEqual(
                messages.map { CalendarDate.today(now: $0.createdAt).iso }, ["2026-01-15", "2026-02-13", "2026-03-08"])
            XCTAssertEqual(
                messages.map(\.template),
                ["renewal-reminder-2_mois", "renewal-reminder-30_jours", "renewal-reminder-7_jours"])
            XCTAssertEqual(Set(messages.map(\.channel)), [.email])
            XCTAssertEqual(Set(messages.map(\.recipient)), [try XCTUnwrap(email)])
            XCTAssertTrue(messages[0].body.contains("arrive à échéance le 15 mars 2026"), messages[0].body)
            XCTAssertTrue(messages[0].body.contains("radiée le 15 avril 2026"), messages[0].body)
        }
    }

    func testAJobThatWasDownSendsOnlyTheLatestMissedReminder() async throws {
        try await withApp(demo: true) { app in
            let id = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            app.clock = .fixed(try JobSupport.day("2026-02-10").startOfDayDate)
            try await JobSupport.run(RenewalRemindersJob(), app)
            // Down from 11 February to 8 March: the 30-day and the 7-day reminders were missed.
            app.clock = .fixed(try JobSupport.day("2026-03-09").startOfDayDate)
            try await JobSupport.run(RenewalRemindersJob(), app)
            let messages = try await JobSupport.messages(for: id, app)
            XCTAssertEqual(messages.map(\.template), ["renewal-reminder-7_jours"])
        }
    }

    func testARenewedRequestIsNotRemindedOfItsOldAnniversary() async throws {
        try await withApp(demo: true) { app in
            let id = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            app.clock = .fixed(try JobSupport.day("2026-01-20").startOfDayDate)
            let request = try await app.storedRequest(id)
            let account = try await request.$account.get(on: app.db)
            let owner = try XCTUnwrap(account)
            try await RequestLifecycle.renew(request, by: owner, on: app.db, today: app.clock.today)
            app.clock = .fixed(try JobSupport.day("2026-02-13").startOfDayDate)
            try await JobSupport.run(RenewalRemindersJob(), app)
            let messages = try await JobSupport.messages(for: id, app)
            XCTAssertTrue(messages.isEmpty, "the next anniversary is 2027-03-15")
        }
    }

    func testARequestWithoutAnAccountGetsALetter() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredPaperRequest()
            let request = try await app.storedRequest(id)
            let schedule = try XCTUnwrap(RequestLifecycle.schedule(of: request))
            app.clock = .fixed(schedule.reminder.startOfDayDate)
            try await JobSupport.run(RenewalRemindersJob(), app)
            let messages = try await JobSupport.messages(for: id, app)
            XCTAssertEqual(messages.map(\.channel), [.letter])
            XCTAssertNil(messages.first?.accountID)
        }
    }
}
