import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Seed 003: « radiée 1 mois après la date anniversaire »: registered 2025-03-15, last day to
/// renew 2026-04-14, struck off on 2026-04-15 by the job, with its notice; not if renewed.
final class StrikingOffJobTests: XCTestCase {
    func testStruckOffTheDayAfterTheLastDayWithItsNoticeAndNotIfRenewed() async throws {
        try await withApp(demo: true) { app in
            let forgotten = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            let renewed = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            app.clock = .fixed(try JobSupport.day("2026-03-01").startOfDayDate)
            let request = try await app.storedRequest(renewed)
            let account = try await request.$account.get(on: app.db)
            let owner = try XCTUnwrap(account)
            try await RequestLifecycle.renew(request, by: owner, on: app.db, today: app.clock.today)

            app.clock = .fixed(try JobSupport.day("2026-04-14").startOfDayDate)
            try await JobSupport.run(StrikingOffJob(), app)
            var stored = try await app.storedRequest(forgotten)
            XCTAssertNotEqual(stored.status, .radiee, "the last day to renew")

            app.clock = .fixed(try JobSupport.day("2026-04-15").startOfDayDate)
            try await JobSupport.run(StrikingOffJob(), app)
            stored = try await app.storedRequest(forgotten)
            XCTAssertEqual(stored.status, .radiee)
            XCTAssertEqual(stored.radiationMotif, "non_renouvellement")
            let event = try await RequestEvent.query(on: app.db).filter(\.$request.$id == forgotten)
                .filter(\.$kind == .radiated).first()
            XCTAssertEqual(event?.label, "Demande radiée : Non-renouvellement.")
            let notices = try await JobSupport.messages(for: forgotten, app)
            XCTAssertEqual(notices.map(\.template), ["striking-off-notice"])
            XCTAssertTrue(notices.first?.body.contains("radiée depuis le 15 avril 2026") == true)

            let kept = try await app.storedRequest(renewed)
            XCTAssertNotEqual(kept.status, .radiee, "renewed: next anniversary 2027-03-15")
            let none = try await JobSupport.messages(for: renewed, app)
            XCTAssertTrue(none.isEmpty)

            // The next day finds nothing more to strike off, and no second notice.
            app.clock = .fixed(try JobSupport.day("2026-04-16").startOfDayDate)
            try await JobSupport.run(StrikingOffJob(), app)
            let again = try await JobSupport.messages(for: forgotten, app)
            XCTAssertEqual(again.count, 1)
        }
    }
}
