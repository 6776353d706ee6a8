import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// A lease signed through the offers flow becomes an attribution of the observatory: its day and
/// wait are written with the satisfaction, and its commune is the leased dwelling's.
final class ObservatoryLeaseTests: XCTestCase {
    func testASignedLeaseIsCountedWithItsWaitAndTheDwellingsCommune() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            for (rank, nud) in fixture.nuds.enumerated() {
                try await fixture.everyoneVotes(nud, CaleolFixture.choice("attribution", rank: rank + 1))
            }
            _ = try await fixture.decide()
            let found = try await fixture.offers().first
            let offer = try XCTUnwrap(found)
            _ = try await fixture.post(
                "api/v1/offers/\(offer.id)/answer", token: fixture.bailleur,
                body: OfferAPIController.AnswerBody(answer: "accept", motif: nil, details: nil))
            let signed = try await fixture.post(
                "api/v1/offers/\(offer.id)/lease", token: fixture.bailleur,
                body: OfferAPIController.LeaseBody(signedOn: app.clock.today.iso))
            XCTAssertEqual(signed.0, .ok, signed.1 ?? "")
            let stored = try await HousingRequest.find(fixture.requests[0].id, on: app.db)
            let request = try XCTUnwrap(stored)
            let filed = try CalendarDate(iso: try XCTUnwrap(request.firstFiledOn))
            XCTAssertEqual(request.satisfiedOn, app.clock.today.iso)
            XCTAssertEqual(request.waitedDays, app.clock.today.dayNumber - filed.dayNumber)
            let vacancy = try await Vacancy.find(fixture.vacancy, on: app.db)
            let commune = try XCTUnwrap(vacancy).communeCode
            let admin = try await ObservatoryFiguresTests.adminToken(app)
            try await app.send(
                .GET, "api/v1/stats/wait?commune=\(commune)&annee=\(app.clock.today.year)",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: admin) }
            ) { res in
                let table = try res.content.decode(ObservatoryFixture.Table.self)
                let wait = Double(app.clock.today.dayNumber - filed.dayNumber)
                XCTAssertEqual(table.rows.first?.values.map(\.value), [1, wait, wait])
            }
        }
    }
}
