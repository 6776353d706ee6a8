import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// The pre-selection of a vacancy (DOMAIN.md §8, issue « Allocation »): hard filters, then the
/// ranking order, each candidate explained; the ranking table in step with every change.
final class PreselectionTests: XCTestCase {
    /// VAU-COS-1 (demo stock): a T3 PLUS on the ground floor in Vauvert, contingent of the commune,
    /// reachable without stairs but not adapted to a wheelchair.
    static let dwelling = "VAU-COS-1"

    func testOnlyHouseholdsPassingEveryFilterAreProposedAndTheExplanationNamesTheRule() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            let first = try await fixture.household(1, score: 90)
            let second = try await fixture.household(2, score: 60, filed: "2023-05-01")
            let third = try await fixture.household(3, score: 60, filed: "2024-05-01")
            let fourth = try await fixture.household(4, score: 10)
            // DOMAIN.md §8 hard filters: above the ceiling, another commune, a wheelchair need,
            // a household too large for a T3 (seed 003: 3 children and more → T4/T5/T6).
            let rich = try await fixture.household(5, score: 200, income: 400_000)
            let elsewhere = try await fixture.household(6, score: 200, communes: ["Aimargues"])
            let wheelchair = try await fixture.household(7, score: 200, wheelchair: true)
            let large = try await fixture.household(8, score: 200, adults: 2, children: 4)
            let waiting = try await fixture.household(9, score: 300, status: .enInstruction)
            let vacancy = try await fixture.vacancy(Self.dwelling)

            let proposed = try await fixture.candidates(vacancy, count: 4)
            XCTAssertEqual(proposed.map(\.nud), [first, second, third, fourth].map { $0.nud ?? "" })
            XCTAssertEqual(proposed.map(\.outcome), [.proposed, .proposed, .proposed, .ranked])
            // Same score: the earlier first filing ranks first (seniority, DOMAIN.md §8).
            XCTAssertEqual(proposed[1].rank, 2)
            XCTAssertEqual(proposed[0].wish, "Vauvert, 1er choix")
            XCTAssertEqual(proposed[0].eligibility?.judged, true)
            XCTAssertGreaterThan(proposed[0].eligibility?.margin ?? -1, 0)

            let excluded: [(HousingRequest, ExclusionRule)] = [
                (rich, .financingNotEligible), (elsewhere, .communeNotWished), (wheelchair, .accessibilityNotMet),
                (large, .overOccupied),
            ]
            for (request, rule) in excluded {
                let why = try await fixture.explanation(vacancy, request.nud ?? "")
                XCTAssertEqual(why.outcome, .excluded, rule.code)
                XCTAssertEqual(why.exclusion?.code, rule.code)
                XCTAssertTrue(why.outcomeLabel.contains(rule.label), why.outcomeLabel)
            }
            let fourthWhy = try await fixture.explanation(vacancy, fourth.nud ?? "")
            XCTAssertEqual(fourthWhy.outcome, .ranked)
            XCTAssertEqual(fourthWhy.rank, 4)
            let waitingWhy = try await fixture.explanation(vacancy, waiting.nud ?? "")
            XCTAssertEqual(waitingWhy.outcome, .notRanked)

            // Every file shown to the bailleur is in the audit log.
            let audited = try await AuditEntry.query(on: app.db).filter(\.$reason == "preselection").all()
            for request in [first, second, third, fourth, rich, wheelchair] {
                XCTAssertTrue(audited.contains { $0.targetID == request.id?.uuidString }, request.nud ?? "")
            }
        }
    }

    func testAMissingCeilingTableExcludesNobody() async throws {
        try await withApp(demo: true) { app in
            let base = try await PreselectionFixture.make(app)
            // No ceiling table is published for 2031 (bundled tables stop at 2026); sign in on that day.
            app.clock = .fixed(try CalendarDate(iso: "2031-02-01").startOfDayDate)
            let fixture = PreselectionFixture(
                app: app, territory: base.territory, bailleur: try await app.demoToken("bailleur@demo.logis.fr"))
            let rich = try await fixture.household(5, score: 200, income: 400_000)
            let vacancy = try await fixture.vacancy(Self.dwelling, availableOn: "2031-03-01")
            let proposed = try await fixture.candidates(vacancy)
            XCTAssertEqual(proposed.map(\.nud), [rich.nud ?? ""])
            XCTAssertEqual(proposed.first?.eligibility?.judged, false)
            XCTAssertTrue(proposed.first?.eligibility?.label.contains("non publié") == true)
        }
    }

    func testTheRankingTableFollowsEveryChangeOfTheRequest() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            let request = try await fixture.household(1, score: 40, communes: ["Vauvert", "Aubord"])
            var rows = try await fixture.rankingRows(of: request)
            XCTAssertEqual(rows.map(\.communeCode), ["30020", "30341"])
            XCTAssertTrue(rows.allSatisfy { $0.score == 40 && $0.eligibleFinancings != 0 })

            request.form.resources?.taxIncomeN2 = 400_000
            request.score = 55
            try await request.save(on: app.db)
            rows = try await fixture.rankingRows(of: request)
            XCTAssertEqual(rows.map(\.eligibleFinancings), [0, 0], "above every ceiling")
            XCTAssertEqual(rows.map(\.score), [55, 55])

            // Seed 003: « famille avec 3 enfants et plus → T4/T5/T6 »: three more children, no T3 any more.
            XCTAssertEqual(rows.first?.roomyTypologies, Int64(TypologySet(.t3 ... .t6).rawValue))
            for number in 2...4 {
                request.form.dependents?.people.append(
                    DependentsSection.Person(
                        firstName: "Enfant\(number)", birthDate: "2018-01-01", relationship: "enfant",
                        sharedCustody: false))
            }
            try await request.save(on: app.db)
            rows = try await fixture.rankingRows(of: request)
            XCTAssertEqual(rows.first?.roomyTypologies, Int64(TypologySet(.t4 ... .t6).rawValue))

            request.form.wishes?.communeCodes = [DemoCommune.code("Le Cailar")]
            request.form.wishes?.wheelchairAccess = true
            request.priorities = "dalo"
            try await request.save(on: app.db)
            rows = try await fixture.rankingRows(of: request)
            XCTAssertEqual(rows.map(\.communeCode), ["30059"])
            XCTAssertEqual(rows.first?.accessibilityNeed, AccessibilityNeed.wheelchair.rawValue)
            XCTAssertEqual(rows.first?.priorities, Int64(PrioritySet([.dalo]).rawValue))

            request.status = .radiee
            try await request.save(on: app.db)
            rows = try await fixture.rankingRows(of: request)
            XCTAssertTrue(rows.isEmpty, "a struck-off request leaves the ranking")

            // The check finds a row written behind the model's back, and repairs it.
            request.status = .active
            try await request.save(on: app.db)
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE ranking_entries SET score = 999").run()
            var report = try await RankingCheck.run(on: app.db, context: app.rankingContext, repair: false)
            XCTAssertEqual(report.differing, [request.nud ?? ""])
            report = try await RankingCheck.run(on: app.db, context: app.rankingContext, repair: true)
            report = try await RankingCheck.run(on: app.db, context: app.rankingContext, repair: false)
            XCTAssertEqual(report.differing, [])
            XCTAssertEqual(report.orphanRows, 0)
        }
    }

    func testKeepingCandidatesFollowsTheSelectionRules() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            var made: [HousingRequest] = []
            for number in 1...5 { made.append(try await fixture.household(number, score: 100 - number)) }
            let rich = try await fixture.household(9, score: 300, income: 400_000)
            let nuds = made.map { $0.nud ?? "" }
            let vacancy = try await fixture.vacancy(Self.dwelling)

            var outcome = try await fixture.select(vacancy, Array(nuds.prefix(2)))
            XCTAssertEqual(outcome.0, .unprocessableEntity)
            XCTAssertEqual(outcome.1, "selection_justification_required")
            outcome = try await fixture.select(vacancy, [nuds[0], nuds[1], nuds[4]])
            XCTAssertEqual(outcome.1, "swap_justification_required")
            outcome = try await fixture.select(vacancy, [nuds[0], rich.nud ?? ""], justification: "Essai")
            XCTAssertEqual(outcome.1, "candidate_excluded")
            outcome = try await fixture.select(vacancy, Array(nuds.prefix(4)))
            XCTAssertEqual(outcome.1, "candidate_count")

            outcome = try await fixture.select(
                vacancy, [nuds[0], nuds[1], nuds[4]], justification: "Rez-de-chaussée demandé par le médecin.")
            XCTAssertEqual(outcome.0, .created)
            for request in [made[0], made[1], made[4]] {
                let stored = try await app.storedRequest(try request.requireID())
                XCTAssertEqual(stored.status, .enInstruction)
                let rows = try await fixture.rankingRows(of: stored)
                XCTAssertTrue(rows.isEmpty, "a kept candidate leaves every other ranking")
                let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == (try stored.requireID()))
                    .filter(\.$kind == .candidate).count()
                XCTAssertEqual(events, 1)
            }
            outcome = try await fixture.select(vacancy, [nuds[2]], justification: "Encore")
            XCTAssertEqual(outcome.0, .conflict)
            XCTAssertEqual(outcome.1, "vacancy_already_selected")
            // Two selections sent at once both pass the early checks; only one claims the vacancy
            // and a kept request cannot be claimed again.
            let found = try await Vacancy.find(vacancy, on: app.db)
            let stored = try XCTUnwrap(found)
            let claimedAgain = try await VacancySelection.claim(stored, at: Date(), on: app.db)
            XCTAssertFalse(claimedAgain)
            let keptAgain = try await VacancySelection.claimWaiting(made[0], on: app.db)
            XCTAssertFalse(keptAgain)
            let free = try await VacancySelection.claimWaiting(made[2], on: app.db)
            XCTAssertTrue(free, "a request still waiting can be claimed")
        }
    }

    func testEachOrganisationSeesOnlyItsOwnVacancies() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            let communeVacancy = try await fixture.vacancy(Self.dwelling)
            // VAU-COS-4: the T4 of the Action Logement contingent.
            let actionLogementVacancy = try await fixture.vacancy("VAU-COS-4")
            // Another bailleur's agent.
            let other = Account(
                email: "autre.bailleur@exemple.fr", passwordHash: try app.password.hash("Bailleur-Test-2026"),
                role: .bailleur, displayName: "Autre bailleur", emailConfirmedAt: Date())
            other.$organisation.id = try await Organisation.query(on: app.db).filter(\.$name == "Habitat du Gard")
                .first()?.requireID()
            try await other.create(on: app.db)
            let otherToken = try await app.token(email: "autre.bailleur@exemple.fr", password: "Bailleur-Test-2026")
            let reservataire = try await app.demoToken("reservataire@demo.logis.fr")
            let cases: [(String, UUID, HTTPStatus)] = [
                (otherToken, communeVacancy, .notFound), (otherToken, actionLogementVacancy, .notFound),
                (reservataire, communeVacancy, .notFound), (reservataire, actionLogementVacancy, .ok),
                (fixture.bailleur, actionLogementVacancy, .ok),
            ]
            for (token, vacancy, status) in cases {
                try await app.send(
                    .GET, "api/v1/vacancies/\(vacancy)/candidates",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                    afterResponse: { XCTAssertEqual($0.status, status) })
            }
            // Action Logement proposes for its contingent, not the bailleur.
            try await fixture.household(1, score: 10, adults: 2, children: 2)
            let outcome = try await fixture.select(actionLogementVacancy, ["0301124000001GDPUB"], justification: "x")
            XCTAssertEqual(outcome.1, "not_the_proposer")
        }
    }
}
