import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// CCH R441-10 (DOMAIN.md §10): silence past the deadline is a refusal. The daily job records it
/// the day after the deadline and the next rank gets the dwelling.
final class OfferExpiryJobTests: XCTestCase {
    typealias F = CaleolFixture

    func testAnOfferLapsesTheDayAfterItsDeadlineAndTheNextRankGetsIt() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            let nuds = fixture.nuds
            try await fixture.everyoneVotes(nuds[0], F.choice("attribution", rank: 1))
            try await fixture.everyoneVotes(nuds[1], F.choice("attribution", rank: 2))
            try await fixture.everyoneVotes(nuds[2], F.choice("non_attribution", motif: "Ressources insuffisantes."))
            let outcome = try await fixture.decide()
            XCTAssertEqual(outcome.0, .created, outcome.1 ?? "")
            // Sent 2026-11-28: the last day to answer is 2026-12-08 (CaleolFlowTests).
            app.clock = .fixed(try JobSupport.day("2026-12-08").startOfDayDate)
            try await JobSupport.run(OfferExpiryJob(), app)
            var offers = try await OfferRecord.query(on: app.db).filter(\.$vacancyID == fixture.vacancy).all()
            XCTAssertEqual(offers.map(\.state), ["proposed"], "the deadline day is still in time")

            app.clock = .fixed(try JobSupport.day("2026-12-09").startOfDayDate)
            let report = try await JobSupport.run(OfferExpiryJob(), app)
            XCTAssertEqual(report.processed, 1)
            offers = try await OfferRecord.query(on: app.db).filter(\.$vacancyID == fixture.vacancy).sort(\.$rank).all()
            XCTAssertEqual(offers.map(\.nud), [nuds[0], nuds[1]])
            XCTAssertEqual(offers.map(\.state), ["lapsed", "proposed"])
            XCTAssertEqual(offers.last?.sentOn, "2026-12-09")
            let first = try await app.storedRequest(fixture.requests[0].id!)
            XCTAssertEqual(first.status, .active, "back in the pool")
            XCTAssertEqual(first.offerRefusals, 1, "silence counts as a refusal")
            let audit = try await AuditEntry.query(on: app.db).filter(\.$reason == "offer lapsed (daily job)").count()
            XCTAssertEqual(audit, 1)
            // The applicant is told what the silence meant, once, about that request only.
            let lapsed = try await OutboxMessage.query(on: app.db).filter(\.$template == "offer-lapsed").all()
            XCTAssertEqual(lapsed.map(\.requestID), [fixture.requests[0].id])
            XCTAssertTrue(lapsed.first?.body.contains("considérée comme refusée") == true)
            try await JobSupport.run(OfferExpiryJob(), app)
            let again = try await OutboxMessage.query(on: app.db).filter(\.$template == "offer-lapsed").count()
            XCTAssertEqual(again, 1)
        }
    }
}
