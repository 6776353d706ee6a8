import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// The candidates of a vacancy explain each request from plain rows read in one query
/// (`CandidateRequestRow`); the « why not this request? » answer explains it from the stored
/// model. On a varied set of households both must say exactly the same thing.
final class CandidateReadTests: XCTestCase {
    func testEachCandidateIsExplainedAsItsOwnExplanationSaysIt() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            var households: [HousingRequest] = []
            for number in 1...12 {
                households.append(
                    try await fixture.household(
                        number, score: 10 * (number % 5), adults: number % 3 == 0 ? 2 : 1, children: number % 3,
                        filed: "2024-0\(1 + number % 9)-1\(number % 10)"))
            }
            // What the score lines and priorities read besides the form: a DALO priority with
            // its validation, a refused offer, an applicant living in the territory.
            households[0].priorities = "dalo"
            households[0].validatedCriteria = "dalo"
            households[1].priorities = "pdalhpd,handicap"
            households[2].offerRefusals = 1
            households[3].form.applicant?.postalCode = "30600"
            households[3].form.applicant?.city = "Vauvert"
            households[4].form.situation = SituationSection(
                disabledPersons: 1, hasDaloDecision: false, violence: true, formerASE: false)
            for request in households.prefix(5) { try await request.save(on: app.db) }
            _ = try await fixture.household(20, score: 500, income: 400_000)
            let vacancy = try await fixture.vacancy(PreselectionTests.dwelling)

            let candidates = try await fixture.candidates(vacancy, count: 20)
            XCTAssertEqual(candidates.count, 12, "the household above the ceiling is not among them")
            XCTAssertEqual(candidates.compactMap(\.rank), Array(1...12))
            for candidate in candidates {
                let alone = try await fixture.explanation(vacancy, candidate.nud)
                XCTAssertEqual(candidate, alone, candidate.nud)
            }
            let dalo = try XCTUnwrap(candidates.first { $0.nud == households[0].nud })
            XCTAssertTrue(dalo.scoreLines.contains { $0.points == 100 }, "\(dalo.scoreLines)")
            XCTAssertFalse(dalo.priorities.isEmpty)
            let resident = try XCTUnwrap(candidates.first { $0.nud == households[3].nud })
            XCTAssertTrue(resident.scoreLines.contains { $0.points == 5 }, "\(resident.scoreLines)")
        }
    }
}
