import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// A daily job runs once per day whatever the number of instances (the UNIQUE (job, day) claim),
/// and a run killed midway is taken over once its heartbeat is stale, resuming at its cursor.
final class ExactlyOnceTests: XCTestCase {
    func testTwoClaimsOfTheSameDayGiveTheWorkToOne() async throws {
        try await withApp { app in
            let day = try JobSupport.day("2026-01-15")
            let now = day.startOfDayDate
            guard
                case .claimed(let first) = try await JobClaim.claim("renewal-reminders", day: day, now: now, on: app.db)
            else { return XCTFail("the first claim wins") }
            guard case .runningElsewhere = try await JobClaim.claim("renewal-reminders", day: day, now: now, on: app.db)
            else { return XCTFail("the second sees it running") }
            // Another job, or another day, is another claim.
            guard case .claimed = try await JobClaim.claim("striking-off", day: day, now: now, on: app.db) else {
                return XCTFail("another job")
            }
            try await first.finish(.done, now: now, on: app.db)
            guard case .alreadyDone = try await JobClaim.claim("renewal-reminders", day: day, now: now, on: app.db)
            else { return XCTFail("done for the day") }
        }
    }

    func testAStaleRunIsTakenOverAndItsFormerHolderCanNoLongerWrite() async throws {
        try await withApp { app in
            let day = try JobSupport.day("2026-01-15")
            let now = day.startOfDayDate
            guard case .claimed(let killed) = try await JobClaim.claim("striking-off", day: day, now: now, on: app.db)
            else { return XCTFail("claimed") }
            let later = now.addingTimeInterval(JobClaim.lease + 1)
            guard case .claimed(let heir) = try await JobClaim.claim("striking-off", day: day, now: later, on: app.db)
            else { return XCTFail("a stale heartbeat is taken over") }
            XCTAssertNotEqual(heir.owner, killed.owner)
            do {
                try await killed.advance(past: UUID(), sent: 1, failed: false, now: later, on: app.db)
                XCTFail("the former holder must not write")
            } catch JobError.leaseLost {}
            let run = try await JobRun.query(on: app.db).filter(\.$job == "striking-off").first()
            XCTAssertEqual(run?.claims, 2)
        }
    }

    func testConcurrentRunsSendEachReminderOnce() async throws {
        try await withApp(demo: true) { app in
            var ids: [UUID] = []
            for _ in 0..<3 { ids.append(try await JobSupport.registeredRequest(app, on: "2025-03-15")) }
            app.clock = .fixed(try JobSupport.day("2026-01-15").startOfDayDate)
            async let one = JobSupport.run(RenewalRemindersJob(), app, pageSize: 1)
            async let two = JobSupport.run(RenewalRemindersJob(), app, pageSize: 1)
            let outcomes = try await [one.outcome, two.outcome]
            XCTAssertEqual(outcomes.filter { $0 == .done }.count, 1, "\(outcomes)")
            for id in ids {
                let messages = try await JobSupport.messages(for: id, app)
                XCTAssertEqual(messages.count, 1)
            }
        }
    }

    func testARunKilledAfterAPartialBatchResumesWithoutDuplicates() async throws {
        try await withApp(demo: true) { app in
            var ids: [UUID] = []
            for _ in 0..<3 { ids.append(try await JobSupport.registeredRequest(app, on: "2025-03-15")) }
            let start = try JobSupport.day("2026-01-15").startOfDayDate
            app.clock = .fixed(start)
            let killed = try await JobSupport.run(RenewalRemindersJob(), app, budget: 1, pageSize: 2)
            XCTAssertEqual(killed.outcome, .interrupted)
            var queued = 0
            for id in ids { queued += try await JobSupport.messages(for: id, app).count }
            XCTAssertEqual(queued, 1, "one item done before the kill")

            let meanwhile = try await JobSupport.run(RenewalRemindersJob(), app)
            XCTAssertEqual(meanwhile.outcome, .runningElsewhere, "its heartbeat is still fresh")

            app.clock = .fixed(start.addingTimeInterval(JobClaim.lease + 60))
            let resumed = try await JobSupport.run(RenewalRemindersJob(), app)
            XCTAssertEqual(resumed.outcome, .done)
            for id in ids {
                let messages = try await JobSupport.messages(for: id, app)
                XCTAssertEqual(messages.count, 1, "each request reminded once")
            }
            let found = try await JobRun.query(on: app.db).filter(\.$job == "renewal-reminders").first()
            let run = try XCTUnwrap(found)
            XCTAssertEqual(run.status, .done)
            XCTAssertEqual(run.claims, 2)
            XCTAssertEqual(run.processed, killed.processed + resumed.processed, "no item handled twice")
        }
    }
}
