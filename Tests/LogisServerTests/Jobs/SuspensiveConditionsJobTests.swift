import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// CCH R441-3 (DOMAIN.md §9): an attribution « sous condition suspensive » waits for one piece by
/// a deadline. Received in time, the lease may be signed; missing the day after the deadline, the
/// daily job makes the attribution lapse: the offer is withdrawn, the applicant told once, the
/// next rank gets the dwelling.
final class SuspensiveConditionsJobTests: XCTestCase {
    typealias F = CaleolFixture

    static let piece = "Avis d’imposition 2025"

    private func conditional(_ fixture: CaleolFixture) async throws -> OfferView {
        let nuds = fixture.nuds
        let choice = CaleolVoting.Choice(
            code: "attribution_sous_condition", rank: 1, motif: nil, missingPiece: Self.piece, deadline: "2026-12-05")
        try await fixture.everyoneVotes(nuds[0], choice)
        try await fixture.everyoneVotes(nuds[1], F.choice("attribution", rank: 2))
        try await fixture.everyoneVotes(nuds[2], F.choice("non_attribution", motif: "Ressources insuffisantes."))
        let decided = try await fixture.decide()
        XCTAssertEqual(decided.0, .created, decided.1 ?? "")
        let offers = try await fixture.offers()
        return try XCTUnwrap(offers.first { $0.nud == nuds[0] })
    }

    func testWithoutThePieceTheAttributionLapsesTheDayAfterAndTheNextRankGetsTheDwelling() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            let offer = try await conditional(fixture)
            XCTAssertEqual(offer.condition?.state, "pending")
            XCTAssertEqual(offer.condition?.missingPiece, Self.piece)
            var outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/answer", token: fixture.bailleur,
                body: OfferAPIController.AnswerBody(answer: "accept", motif: nil, details: nil))
            XCTAssertEqual(outcome.0, .ok)
            outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/lease", token: fixture.bailleur,
                body: OfferAPIController.LeaseBody(signedOn: "2026-11-28"))
            XCTAssertEqual(outcome.0, .conflict)
            XCTAssertEqual(outcome.1, "condition_not_met", "no lease while the piece is missing")

            app.clock = .fixed(try JobSupport.day("2026-12-05").startOfDayDate)
            try await JobSupport.run(SuspensiveConditionsJob(), app)
            var offers = try await OfferRecord.query(on: app.db).filter(\.$vacancyID == fixture.vacancy).all()
            XCTAssertEqual(offers.map(\.state), ["accepted"], "the deadline day is still in time")

            app.clock = .fixed(try JobSupport.day("2026-12-06").startOfDayDate)
            let report = try await JobSupport.run(SuspensiveConditionsJob(), app)
            XCTAssertEqual(report.sent, 1)
            offers = try await OfferRecord.query(on: app.db).filter(\.$vacancyID == fixture.vacancy).sort(\.$rank).all()
            XCTAssertEqual(offers.map(\.nud), [fixture.nuds[0], fixture.nuds[1]])
            XCTAssertEqual(offers.map(\.state), ["withdrawn", "proposed"])
            let first = try await app.storedRequest(fixture.requests[0].id!)
            XCTAssertEqual(first.status, .active, "back in the pool")
            XCTAssertEqual(first.offerRefusals ?? 0, 0, "a lapsed condition is not a refusal")
            let told = try await OutboxMessage.query(on: app.db).filter(\.$template == "condition-lapsed").all()
            XCTAssertEqual(told.map(\.requestID), [fixture.requests[0].id])
            XCTAssertTrue(told.first?.body.contains("l’attribution est caduque") == true)

            app.clock = .fixed(try JobSupport.day("2026-12-07").startOfDayDate)
            try await JobSupport.run(SuspensiveConditionsJob(), app)
            let again = try await OutboxMessage.query(on: app.db).filter(\.$template == "condition-lapsed").count()
            XCTAssertEqual(again, 1)
        }
    }

    func testThePieceReceivedInTimeConfirmsTheAttributionAndTheLease() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            let offer = try await conditional(fixture)
            var outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/piece-received", token: fixture.bailleur, body: [String: String]())
            XCTAssertEqual(outcome.0, .ok, outcome.1 ?? "")
            outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/piece-received", token: fixture.bailleur, body: [String: String]())
            XCTAssertEqual(outcome.1, "condition_not_pending", "recorded once")
            let offers = try await fixture.offers()
            XCTAssertEqual(offers.first { $0.id == offer.id }?.condition?.state, "met")

            outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/answer", token: fixture.bailleur,
                body: OfferAPIController.AnswerBody(answer: "accept", motif: nil, details: nil))
            XCTAssertEqual(outcome.0, .ok, outcome.1 ?? "")
            outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/lease", token: fixture.bailleur,
                body: OfferAPIController.LeaseBody(signedOn: "2026-11-28"))
            XCTAssertEqual(outcome.0, .ok, outcome.1 ?? "")

            app.clock = .fixed(try JobSupport.day("2026-12-06").startOfDayDate)
            let report = try await JobSupport.run(SuspensiveConditionsJob(), app)
            XCTAssertEqual(report.processed, 0, "a met condition never lapses")
            let satisfied = try await app.storedRequest(fixture.requests[0].id!)
            XCTAssertEqual(satisfied.status, .satisfaite)
        }
    }
}
