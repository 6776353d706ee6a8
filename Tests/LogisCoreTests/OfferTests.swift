import LogisCore
import Testing

@Suite("Offer (DOMAIN.md §10; CCH R441-10 « au moins dix jours », silence vaut refus; seed 003 « 10 jours »)")
struct OfferTests {
    func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    /// Plays `action` ("accept", "refuse", "lapse", "withdraw", "accept+withdraw", …) on an offer
    /// sent on `sent`, all on `day`; returns the offer or the error code.
    func play(_ actions: String, sent: String, on day: String) throws -> Result<Offer, OfferError> {
        var offer = Offer(sentOn: try date(sent))
        let day = try date(day)
        let refusal = try OfferRefusal(code: "localisation", details: nil)
        return Result { () throws(OfferError) in
            for action in actions.split(separator: "+") {
                switch action {
                case "accept": try offer.accept(on: day)
                case "refuse": try offer.refuse(refusal, on: day)
                case "lapse": try offer.lapse(on: day)
                default: try offer.withdraw(on: day)
                }
            }
            return offer
        }
    }

    /// CCH R441-10: « Ce délai ne peut être inférieur à dix jours. Le défaut de réponse dans le
    /// délai imparti équivaut à un refus. » Sent Monday 2026-01-05: answer until Thursday
    /// 2026-01-15. Sent 2026-02-25: ten days end on Saturday 7 March → Monday 9 (CPC art. 642,
    /// RequestCalendar). Columns: sent, actions, day, state reached or error code, closedOn.
    static let moves: [(String, String, String, String, String, String?)] = [
        ("accepted the day it is sent", "2026-01-05", "accept", "2026-01-05", "accepted", "2026-01-05"),
        ("accepted on the deadline day", "2026-01-05", "accept", "2026-01-15", "accepted", "2026-01-15"),
        ("accepted the day after the deadline", "2026-01-05", "accept", "2026-01-16", "answer_after_deadline", nil),
        ("answered before it was sent", "2026-01-05", "accept", "2026-01-04", "date_before_offer", nil),
        ("refused on the deadline day", "2026-01-05", "refuse", "2026-01-15", "refused", "2026-01-15"),
        (
            "refused too late: silence already counts", "2026-01-05", "refuse", "2026-01-16", "answer_after_deadline",
            nil
        ),
        ("silence recorded on the deadline day", "2026-01-05", "lapse", "2026-01-15", "deadline_not_passed", nil),
        ("silence recorded the day after: refusal", "2026-01-05", "lapse", "2026-01-16", "lapsed", "2026-01-16"),
        (
            "silence recorded a month later, dated the day after", "2026-01-05", "lapse", "2026-02-16", "lapsed",
            "2026-01-16"
        ),
        (
            "deadline on Saturday → Monday: accepted Monday", "2026-02-25", "accept", "2026-03-09", "accepted",
            "2026-03-09"
        ),
        (
            "deadline moved to Monday: not lapsed on Sunday", "2026-02-25", "lapse", "2026-03-08",
            "deadline_not_passed", nil
        ),
        ("deadline moved to Monday: lapsed on Tuesday", "2026-02-25", "lapse", "2026-03-10", "lapsed", "2026-03-10"),
        ("withdrawn while proposed", "2026-01-05", "withdraw", "2026-01-07", "withdrawn", "2026-01-07"),
        (
            "accepted, then withdrawn before the lease", "2026-01-05", "accept+withdraw", "2026-01-08", "withdrawn",
            "2026-01-08"
        ),
        ("accepted, then refused", "2026-01-05", "accept+refuse", "2026-01-08", "offer_move_not_allowed", nil),
        ("refused, then accepted", "2026-01-05", "refuse+accept", "2026-01-08", "offer_move_not_allowed", nil),
        ("lapsed, then withdrawn", "2026-01-05", "lapse+withdraw", "2026-01-20", "offer_move_not_allowed", nil),
    ]

    @Test("Answers, silence and withdrawal, around the 10-day deadline", arguments: moves)
    func move(_ name: String, sent: String, actions: String, on day: String, expected: String, closedOn: String?) throws
    {
        switch try play(actions, sent: sent, on: day) {
        case .success(let offer):
            #expect(offer.state.code == expected, "\(name)")
            #expect(offer.closedOn == (try closedOn.map(date)), "\(name)")
        case .failure(let failure):
            #expect(failure.code == expected, "\(name)")
        }
    }

    @Test("Silence is a refusal from the day after the deadline, even before anyone records it")
    func effectiveState() throws {
        let offer = Offer(sentOn: try date("2025-12-15"))
        // Ten days end on Thursday 25 December (Christmas), so the deadline is Friday 26.
        #expect(offer.answerDeadline == (try date("2025-12-26")))
        #expect(offer.state(on: try date("2025-12-26")) == .proposed)
        #expect(offer.state(on: try date("2025-12-27")) == .lapsed)
        #expect(offer.state == .proposed)
    }

    /// DOMAIN.md §10: « On refusal/lapse the next ranked candidate gets the offer ».
    static let allowed: [(OfferState, [OfferState], Bool)] = [
        (.proposed, [.accepted, .refused, .lapsed, .withdrawn], false),
        (.accepted, [.withdrawn], false),
        (.refused, [], true),
        (.lapsed, [], true),
        (.withdrawn, [], true),
    ]

    @Test("Allowed moves, and which states free the dwelling for the next rank", arguments: allowed)
    func allowedMoves(_ state: OfferState, moves: [OfferState], closes: Bool) {
        for next in OfferState.allCases {
            #expect(state.canMove(to: next) == moves.contains(next), "\(state.code) → \(next.code)")
        }
        #expect(state.closesCandidacy == closes, "\(state.code)")
    }

    /// DOMAIN.md §10: « A refusal is recorded with its motive »; `autre` needs the applicant's words.
    static let refusals: [(String, String, String?, String)] = [
        ("too small", "logement_trop_petit", nil, "Logement trop petit"),
        (
            "rent, with details", "loyer_trop_eleve", " 620 € charges comprises ",
            "Loyer trop élevé : 620 € charges comprises"
        ),
        ("other, with details", "autre", "Trop loin de l'école", "Autre motif : Trop loin de l'école"),
        ("other without details", "autre", "  ", "refusal_details_required"),
        ("unknown motive", "trop_loin", nil, "unknown_refusal_motif"),
        ("details too long", "raisons_personnelles", String(repeating: "x", count: 2001), "refusal_details_too_long"),
    ]

    @Test("Refusal motives", arguments: refusals)
    func refusal(_ name: String, code: String, details: String?, expected: String) {
        let result = Result { () throws(OfferError) in try OfferRefusal(code: code, details: details) }
        switch result {
        case .success(let refusal): #expect(refusal.label == expected, "\(name)")
        case .failure(let failure): #expect(failure.code == expected, "\(name)")
        }
    }

    /// Seed 003: « Vous acceptez la proposition de logement : le bailleur social organise la
    /// signature du bail ». Accepted on 2026-01-12.
    static let leases: [(String, String, String, String?)] = [
        ("signed the day of the acceptance", "accept", "2026-01-12", nil),
        ("signed later", "accept", "2026-02-01", nil),
        ("signed before the acceptance", "accept", "2026-01-11", "lease_before_acceptance"),
        ("offer refused", "refuse", "2026-01-20", "offer_not_accepted"),
        ("accepted then withdrawn", "accept+withdraw", "2026-01-20", "offer_not_accepted"),
    ]

    @Test("The lease is signed on an accepted offer, not before the acceptance", arguments: leases)
    func lease(_ name: String, actions: String, signedOn: String, error: String?) throws {
        let offer = try play(actions, sent: "2026-01-05", on: "2026-01-12").get()
        let signedOn = try date(signedOn)
        let result = Result { () throws(OfferError) in try offer.checkLeaseSignature(on: signedOn) }
        switch result {
        case .success: #expect(error == nil, "\(name)")
        case .failure(let failure): #expect(failure.code == error, "\(name)")
        }
    }

    /// An offer read back from storage must say one consistent thing. Sent 2026-01-05.
    static let records: [(String, OfferState, String?, String?, Bool, Bool)] = [
        ("proposed, nothing else", .proposed, nil, nil, false, true),
        ("accepted with its date", .accepted, "2026-01-08", "2026-01-08", false, true),
        ("refused with its motive", .refused, "2026-01-08", nil, true, true),
        ("proposed but closed", .proposed, "2026-01-08", nil, false, false),
        ("accepted without acceptance date", .accepted, "2026-01-08", nil, false, false),
        ("refused without motive", .refused, "2026-01-08", nil, false, false),
        ("closed before it was sent", .lapsed, "2026-01-01", nil, false, false),
    ]

    @Test("A stored offer is checked before use", arguments: records)
    func restore(
        _ name: String, state: OfferState, closedOn: String?, acceptedOn: String?, refused: Bool, valid: Bool
    )
        throws
    {
        let sent = try date("2026-01-05")
        let (closed, accepted) = (try closedOn.map(date), try acceptedOn.map(date))
        let refusal = refused ? try OfferRefusal(code: "localisation", details: nil) : nil
        let result = Result { () throws(OfferError) in
            try Offer(sentOn: sent, state: state, closedOn: closed, acceptedOn: accepted, refusal: refusal)
        }
        #expect((try? result.get())?.state == (valid ? state : nil), "\(name)")
    }

    /// CCH R441-3: « l'attribution du logement étant prononcée au profit du candidat suivant en
    /// cas de refus du logement par le candidat classé devant lui »; seed 003: « le logement est
    /// proposé au candidat suivant »; DOMAIN.md §9: a conditional attribution « lapses if not
    /// provided in time ». Decisions as in CaleolDecisionTests ("A=1", "A=c1", "A=n"); outcomes
    /// "A:refused" (an offer state) or "A:condition_lapsed"; the step as "code NUD rank".
    static let sequences: [(String, [String], [String], String)] = [
        ("nothing yet: offer to rank 1", ["A=1", "B=2", "C=3"], [], "offer A 1"),
        ("rank 1 has the offer: wait", ["A=1", "B=2", "C=3"], ["A:proposed"], "await_answer A 1"),
        ("rank 1 accepted", ["A=1", "B=2", "C=3"], ["A:accepted"], "attributed A 1"),
        ("rank 1 refused: rank 2", ["A=1", "B=2", "C=3"], ["A:refused"], "offer B 2"),
        ("rank 1 silent past the deadline: rank 2", ["A=1", "B=2", "C=3"], ["A:lapsed"], "offer B 2"),
        ("rank 1 withdrawn: rank 2", ["A=1", "B=2", "C=3"], ["A:withdrawn"], "offer B 2"),
        ("ranks 1 and 2 refused: rank 3", ["A=1", "B=2", "C=3"], ["A:refused", "B:lapsed"], "offer C 3"),
        (
            "rank 2 accepted after rank 1 refused", ["A=1", "B=2", "C=3"], ["A:refused", "B:accepted"], "attributed B 2"
        ),
        ("conditional rank 1 lapsed: rank 2", ["A=c1", "B=2", "C=n"], ["A:condition_lapsed"], "offer B 2"),
        ("conditional rank 1 still awaiting its piece", ["A=c1", "B=2"], [], "offer A 1"),
        (
            "all three out", ["A=1", "B=c2", "C=3"], ["A:refused", "B:condition_lapsed", "C:lapsed"],
            "back_to_preselection"
        ),
        ("nobody ranked left after rank 1", ["A=1", "B=n", "C=r"], ["A:refused"], "back_to_preselection"),
        ("no attribution at all", ["A=n", "B=r"], [], "back_to_preselection"),
        ("an outcome for a non-attributed candidate", ["A=1", "B=n"], ["B:refused"], "candidate_not_ranked"),
    ]

    @Test("Who gets the offer next", arguments: sequences)
    func next(_ name: String, entries: [String], outcomes: [String], expected: String) throws {
        let decisions = try entries.map(CaleolDecisionTests.entry)
        let set = try CaleolDecisionSet(examined: decisions.map(\.nud), decisions: decisions)
        var byNud: [String: AttributaireOutcome] = [:]
        for text in outcomes {
            let parts = text.split(separator: ":").map(String.init)
            byNud[parts[0]] =
                parts[1] == "condition_lapsed" ? .conditionLapsed : .offer(try #require(OfferState(code: parts[1])))
        }
        let result = Result { () throws(OfferError) in try OfferSequence.next(set, outcomes: byNud) }
        switch result {
        case .success(.offer(let nud, let rank)), .success(.awaitAnswer(let nud, let rank)),
            .success(.attributed(let nud, let rank)):
            #expect("\(try result.get().code) \(nud) \(rank.rawValue)" == expected, "\(name)")
        case .success(let step): #expect(step.code == expected, "\(name)")
        case .failure(let failure): #expect(failure.code == expected, "\(name)")
        }
    }
}
