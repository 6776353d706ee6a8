import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// From the commission to the lease (DOMAIN.md §9–§10, seed 003 « Décision de la CALEOL »,
/// « je fais part de mon choix (sous 10 jours) »): votes, decisions, offers, refusal, silence,
/// acceptance and lease, through the API, with the moved clock.
final class CaleolFlowTests: XCTestCase {
    typealias F = CaleolFixture

    func testRefusalThenSilencePassTheDwellingDownTheRanksAndBackToPreselection() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            let nuds = fixture.nuds
            // The first household files online: it answers from its own account.
            let applicant = try await app.demoToken("demandeur@demo.logis.fr")
            let owner = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            fixture.requests[0].$account.id = owner?.id
            try await fixture.requests[0].save(on: app.db)

            try await fixture.everyoneVotes(nuds[0], F.choice("attribution", rank: 1))
            try await fixture.everyoneVotes(nuds[1], F.choice("attribution", rank: 2))
            try await fixture.everyoneVotes(
                nuds[2], F.choice("non_attribution", motif: "Ressources insuffisantes pour ce loyer."))
            var outcome = try await fixture.decide()
            XCTAssertEqual(outcome.0, .created, outcome.1 ?? "")
            outcome = try await fixture.decide()
            XCTAssertEqual(outcome.1, "already_decided")

            let afterDecision = try await statuses(app, fixture.requests)
            XCTAssertEqual(afterDecision, [.attribuee, .attribuee, .active])
            let third = try await RequestEvent.query(on: app.db).filter(\.$request.$id == fixture.requests[2].id!)
                .filter(\.$kind == .caleolDecision).first()
            XCTAssertEqual(third?.comment, "Ressources insuffisantes pour ce loyer.")
            // Issue 12: each decision and the offer are messages, queued with the decision.
            let messages = try await OutboxMessage.query(on: app.db)
                .filter(\.$requestID ~~ fixture.requests.compactMap(\.id)).all()
            let decisions = messages.filter { $0.template == "caleol-decision" }
            XCTAssertEqual(decisions.count, 3, "one decision message per candidate")
            XCTAssertTrue(
                decisions.contains {
                    $0.requestID == fixture.requests[2].id
                        && $0.body.contains("Ressources insuffisantes pour ce loyer.")
                })
            let offerMessages = messages.filter { $0.template == "offer-made" }
            XCTAssertEqual(offerMessages.map(\.requestID), [fixture.requests[0].id], "the offer goes to rank 1 only")
            XCTAssertEqual(offerMessages.first?.channel, .email, "the first household has an account")
            XCTAssertTrue(offerMessages.first?.body.contains("Répondez avant le 08/12/2026") == true)
            let back = try await fixture.base.rankingRows(of: try await app.storedRequest(fixture.requests[2].id!))
            XCTAssertFalse(back.isEmpty, "a non-attributed candidate is back in the rankings")

            // CCH R441-10, reading docs/rules/offer.md: sent 2026-11-28, 10 days → 2026-12-08 (a Tuesday).
            var offers = try await fixture.offers(token: applicant)
            XCTAssertEqual(offers.map(\.nud), [nuds[0]])
            XCTAssertEqual(offers.first?.deadline, "2026-12-08")
            XCTAssertEqual(offers.first?.state, "proposed")
            outcome = try await fixture.post(
                "api/v1/offers/\(offers[0].id)/answer", token: applicant,
                body: OfferAPIController.AnswerBody(answer: "refuse", motif: "autre", details: nil))
            XCTAssertEqual(outcome.1, "refusal_details_required")
            outcome = try await fixture.post(
                "api/v1/offers/\(offers[0].id)/answer", token: applicant,
                body: OfferAPIController.AnswerBody(answer: "refuse", motif: "localisation", details: nil))
            XCTAssertEqual(outcome.0, .ok, outcome.1 ?? "")
            let refused = try await app.storedRequest(fixture.requests[0].id!)
            XCTAssertEqual(refused.status, .active)
            XCTAssertEqual(refused.offerRefusals, 1, "a refusal counts for the cotation")

            offers = try await fixture.offers()
            let second = try XCTUnwrap(offers.first { $0.nud == nuds[1] })
            XCTAssertEqual(second.state, "proposed")
            outcome = try await fixture.post(
                "api/v1/offers/\(second.id)/lapse", token: fixture.bailleur, body: ["x": "y"])
            XCTAssertEqual(outcome.1, "deadline_not_passed")
            // Silence: the day after the deadline the offer counts as refused.
            app.clock = .fixed(try CalendarDate(iso: "2026-12-09").startOfDayDate)
            let bailleur = try await app.demoToken("bailleur@demo.logis.fr")
            outcome = try await fixture.post("api/v1/offers/\(second.id)/lapse", token: bailleur, body: ["x": "y"])
            XCTAssertEqual(outcome.0, .ok, outcome.1 ?? "")

            // Nobody ranked is left (the third was not attributed): this round closes with its history,
            // and a new pre-selection opens for the dwelling, still vacant.
            let found = try await Vacancy.find(fixture.vacancy, on: app.db)
            let closed = try XCTUnwrap(found)
            XCTAssertEqual(closed.status, .noTaker)
            XCTAssertEqual(closed.sessionID, fixture.session, "the session keeps its agenda and minutes")
            let kept = try await VacancyCandidate.query(on: app.db).filter(\.$vacancy.$id == fixture.vacancy).count()
            XCTAssertEqual(kept, 3, "the kept candidates stay in the round's history")
            let reopened = try await Vacancy.query(on: app.db).filter(\.$dwelling.$id == closed.$dwelling.id)
                .filter(\.$status == .open).all()
            XCTAssertEqual(reopened.count, 1)
            XCTAssertNil(reopened.first?.selectedAt)
            let finalStatuses = try await statuses(app, fixture.requests)
            XCTAssertEqual(finalStatuses, [.active, .active, .active])
            // The new round does not propose the dwelling again to those who refused it or let it lapse.
            let later = PreselectionFixture(app: app, territory: fixture.base.territory, bailleur: bailleur)
            let newRound = try XCTUnwrap(reopened.first?.id)
            let proposed = try await later.candidates(newRound, count: 10).map(\.nud)
            XCTAssertEqual(proposed, [nuds[2]])
            let why = try await later.explanation(newRound, nuds[0])
            XCTAssertEqual(why.exclusion?.code, "refused_this_dwelling")
            let lapsedWhy = try await later.explanation(newRound, nuds[1])
            XCTAssertEqual(lapsedWhy.outcome, .excluded)
            try await app.send(
                .GET, "api/v1/caleol/sessions/\(fixture.session)",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: bailleur) },
                afterResponse: { res in
                    let view = try res.content.decode(CaleolSessionView.self)
                    XCTAssertEqual(view.agenda.first?.candidates.count, 3)
                    XCTAssertEqual(view.agenda.first?.candidates.first?.decision?.code, "attribution")
                })
        }
    }

    func testAcceptanceAndLeaseSatisfyTheRequestAndFreeTheOthers() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            for (rank, nud) in fixture.nuds.enumerated() {
                try await fixture.everyoneVotes(nud, F.choice("attribution", rank: rank + 1))
            }
            let value3 = try await fixture.decide().0
            XCTAssertEqual(value3, .created)
            let found4 = try await fixture.offers().first
            let offer = try XCTUnwrap(found4)
            var outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/lease", token: fixture.bailleur,
                body: OfferAPIController.LeaseBody(signedOn: "2026-11-28"))
            XCTAssertEqual(outcome.1, "offer_not_accepted")
            outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/answer", token: fixture.bailleur,
                body: OfferAPIController.AnswerBody(answer: "accept", motif: nil, details: nil))
            XCTAssertEqual(outcome.0, .ok)
            outcome = try await fixture.post(
                "api/v1/offers/\(offer.id)/lease", token: fixture.bailleur,
                body: OfferAPIController.LeaseBody(signedOn: "2026-11-28"))
            XCTAssertEqual(outcome.0, .ok, outcome.1 ?? "")
            let value5 = try await statuses(app, fixture.requests)
            XCTAssertEqual(value5, [.satisfaite, .active, .active])
            let satisfied = try await fixture.base.rankingRows(of: try await app.storedRequest(fixture.requests[0].id!))
            XCTAssertTrue(satisfied.isEmpty, "a satisfied request is out of every pre-selection")
            let found6 = try await Vacancy.find(fixture.vacancy, on: app.db)
            let vacancy = try XCTUnwrap(found6)
            XCTAssertEqual(vacancy.status, .leased)
            let dwelling = try await StockDwelling.find(vacancy.$dwelling.id, on: app.db)
            XCTAssertEqual(dwelling?.occupancy, .occupied)
        }
    }

    func testAStruckOffCandidateLosesItsOfferAndItsTurn() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            for (rank, nud) in fixture.nuds.enumerated() {
                try await fixture.everyoneVotes(nud, F.choice("attribution", rank: rank + 1))
            }
            let decided = try await fixture.decide()
            XCTAssertEqual(decided.0, .created)
            let found = try await Account.query(on: app.db).filter(\.$email == "enregistreur@demo.logis.fr").first()
            let agent = try XCTUnwrap(found)
            // Rank 2 abandons before its turn, then rank 1, who holds the offer, is struck off.
            for index in [1, 0] {
                let request = try await app.storedRequest(try fixture.requests[index].requireID())
                try await RequestLifecycle.radiate(
                    request, motif: .abandon, comment: nil, by: agent, on: app.db, now: app.clock.now)
            }
            let offers = try await OfferRecord.query(on: app.db).filter(\.$vacancyID == fixture.vacancy).sort(\.$rank)
                .all()
            XCTAssertEqual(offers.map(\.nud), [fixture.nuds[0], fixture.nuds[2]], "rank 2 is skipped")
            XCTAssertEqual(offers.map(\.state), ["withdrawn", "proposed"])
        }
    }

    func testATieIsBrokenByTheEPCIPresidentAndAMissingQuorumDecidesNothing() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            let president = fixture.seat(.epciPresident)
            // Six voting seats: three for rank 1 (the president among them), three against.
            XCTAssertEqual(fixture.seats.count, 6)
            let othersInFavour = fixture.seats.filter { $0.id != president }.prefix(2).map(\.id)
            for seat in fixture.seats {
                let inFavour = seat.id == president || othersInFavour.contains(seat.id)
                let choice =
                    inFavour
                    ? F.choice("attribution", rank: 1)
                    : F.choice("non_attribution", motif: "Autre candidat prioritaire.")
                let value7 = try await fixture.vote(fixture.nuds[0], choice, seat: seat.id).0
                XCTAssertEqual(value7, .created)
            }
            try await fixture.everyoneVotes(fixture.nuds[1], F.choice("attribution", rank: 2))
            try await fixture.everyoneVotes(fixture.nuds[2], F.choice("attribution", rank: 3))
            let value8 = try await fixture.decide().0
            XCTAssertEqual(value8, .created)
            let decision = try await CaleolDecisionRecord.query(on: app.db).filter(\.$nud == fixture.nuds[0]).first()
            XCTAssertEqual(decision?.code, "attribution")
            XCTAssertEqual(decision?.byCastingVote, true)
        }
        try await withApp(demo: true) { app in
            // Four of six voting seats absent: below half, the commission cannot deliberate.
            var absent = 0
            let fixture = try await CaleolFixture.make(app) { seat in
                guard seat.role != "president_epci", seat.role != "reservataire", absent < 4 else { return false }
                absent += 1
                return true
            }
            try await fixture.vote(
                fixture.nuds[0], F.choice("attribution", rank: 1), seat: fixture.seat(.epciPresident))
            let outcome = try await fixture.decide()
            XCTAssertEqual(outcome.1, "no_quorum")
        }
    }

    func testOnlyTheCommissionSeesItsSessions() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await CaleolFixture.make(app)
            let outsider = Account(
                email: "autre.membre@exemple.fr", passwordHash: try app.password.hash("Membre-Test-2026"),
                role: .caleol,
                displayName: "Membre d’une autre commission", emailConfirmedAt: Date())
            try await outsider.create(on: app.db)
            let outsiderToken = try await app.token(email: "autre.membre@exemple.fr", password: "Membre-Test-2026")
            let applicant = try await app.demoToken("demandeur@demo.logis.fr")
            let cases: [(String, HTTPStatus)] = [
                (fixture.member, .ok), (fixture.bailleur, .ok), (outsiderToken, .notFound), (applicant, .forbidden),
            ]
            for (token, status) in cases {
                try await app.send(
                    .GET, "api/v1/caleol/sessions/\(fixture.session)/pv.pdf",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, status)
                        if status == .ok { XCTAssertEqual(res.headers.contentType?.subType, "pdf") }
                    })
            }
            // A member votes for their own seat only; recording decisions is the secretariat's.
            let outcome = try await fixture.post(
                "api/v1/caleol/sessions/\(fixture.session)/decisions", token: fixture.member,
                body: CaleolAPIController.DecideBody(vacancyId: fixture.vacancy))
            XCTAssertEqual(outcome.0, .forbidden)
            XCTAssertEqual(outcome.1, "forbidden", "the route is the secretariat's")
        }
    }

    private func statuses(_ app: Application, _ requests: [HousingRequest]) async throws -> [RequestStatus] {
        var result: [RequestStatus] = []
        for request in requests { result.append(try await app.storedRequest(try request.requireID()).status) }
        return result
    }
}
