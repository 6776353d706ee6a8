import LogisCore
import Testing

@Suite("CALEOL decisions (DOMAIN.md §9; CCH R441-3; seed 003 « attribution de rang 1 … rangs 2 ou 3 »)")
struct CaleolDecisionTests {
    static let session = "2026-03-10"

    func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    /// The decision built from raw form input, or the code of the error it throws.
    func parse(
        _ code: String, rank: Int? = nil, motif: String? = nil, piece: String? = nil, deadline: String? = nil
    ) throws -> Result<CaleolDecision, CaleolError> {
        let deadline = try deadline.map(date)
        let session = try date(Self.session)
        return Result { () throws(CaleolError) in
            try CaleolDecision(
                code: code, rank: rank, motif: motif, missingPiece: piece, deadline: deadline, sessionOn: session)
        }
    }

    /// DOMAIN.md §9: « attribution (rank 1), attribution with rank 2 or 3, attribution sous
    /// condition suspensive (a regulatory piece missing), non-attribution (motivated), rejet pour
    /// irrecevabilité (not eligible …; motivated) ». Columns: input, then the label and the motive kept.
    static let valid: [(String, String, Int?, String?, String?, String?, String, String?)] = [
        ("rank 1", "attribution", 1, nil, nil, nil, "Attribution en rang 1", nil),
        ("rank 2", "attribution", 2, nil, nil, nil, "Attribution en rang 2", nil),
        ("rank 3, padded code, blank motive", " attribution ", 3, "  ", nil, nil, "Attribution en rang 3", nil),
        (
            "conditional, deadline the day after the session", "attribution_sous_condition", 1, nil,
            " Avis d'imposition 2025 ", "2026-03-11", "Attribution sous condition suspensive en rang 1", nil
        ),
        (
            "non-attribution, motivated", "non_attribution", nil, "Typologie inadaptée", nil, nil, "Non-attribution",
            "Typologie inadaptée"
        ),
        (
            "rejection, motive trimmed; condition fields ignored", "rejet_irrecevabilite", nil,
            " Ressources au-dessus du plafond PLUS\n", "RFR", "2026-01-01", "Rejet pour irrecevabilité",
            "Ressources au-dessus du plafond PLUS"
        ),
    ]

    @Test("Every kind of decision, with what it carries", arguments: valid)
    func validDecision(
        _ name: String, code: String, rank: Int?, motif: String?, piece: String?, deadline: String?, label: String,
        keptMotif: String?
    ) throws {
        let decision = try parse(code, rank: rank, motif: motif, piece: piece, deadline: deadline).get()
        #expect(decision.code == code.filter { !$0.isWhitespace }, "\(name)")
        #expect(decision.label == label, "\(name)")
        #expect(decision.rank?.rawValue == rank, "\(name)")
        #expect(decision.motif == keptMotif, "\(name)")
        #expect(decision.kind.requiresMotif == (keptMotif != nil), "\(name)")
        let conditional = decision.kind == .conditionalAttribution
        #expect(decision.condition?.missingPiece == (conditional ? "Avis d'imposition 2025" : nil), "\(name)")
        #expect(decision.condition?.deadline == (conditional ? try date("2026-03-11") : nil), "\(name)")
    }

    static let long = String(repeating: "a", count: 2001)

    /// DOMAIN.md §9: negative decisions are « motivated », « with the motive for negative ones »;
    /// a conditional attribution « lapses if not provided in time », so it needs a piece and a
    /// deadline after the session; seed 003: ranks 1, 2 or 3.
    static let invalid: [(String, String, Int?, String?, String?, String?, String)] = [
        ("unknown code", "attribution_rang_4", 1, nil, nil, nil, "unknown_decision"),
        ("attribution without rank", "attribution", nil, nil, nil, nil, "rank_required"),
        ("rank 0", "attribution", 0, nil, nil, nil, "rank_invalid"),
        ("rank 4", "attribution", 4, nil, nil, nil, "rank_invalid"),
        ("conditional without rank", "attribution_sous_condition", nil, nil, "RFR", "2026-04-10", "rank_required"),
        ("attribution with a motive", "attribution", 1, "Bon dossier", nil, nil, "motif_not_allowed"),
        ("ranked non-attribution", "non_attribution", 2, "Typologie inadaptée", nil, nil, "rank_not_allowed"),
        ("non-attribution without motive", "non_attribution", nil, nil, nil, nil, "motif_required"),
        ("non-attribution, blank motive", "non_attribution", nil, " \n\t ", nil, nil, "motif_required"),
        ("rejection without motive", "rejet_irrecevabilite", nil, "", nil, nil, "motif_required"),
        ("motive of 2,001 characters", "rejet_irrecevabilite", nil, long, nil, nil, "motif_too_long"),
        (
            "conditional without piece", "attribution_sous_condition", 1, nil, " ", "2026-04-10",
            "missing_piece_required"
        ),
        (
            "conditional, piece too long", "attribution_sous_condition", 1, nil, long, "2026-04-10",
            "missing_piece_too_long"
        ),
        ("conditional without deadline", "attribution_sous_condition", 1, nil, "RFR", nil, "deadline_required"),
        (
            "deadline on the session day", "attribution_sous_condition", 1, nil, "RFR", session,
            "deadline_not_after_session"
        ),
        (
            "deadline before the session", "attribution_sous_condition", 1, nil, "RFR", "2026-03-01",
            "deadline_not_after_session"
        ),
    ]

    @Test("Each bad input is named by a stable code and a French message", arguments: invalid)
    func invalidDecision(
        _ name: String, code: String, rank: Int?, motif: String?, piece: String?, deadline: String?, error: String
    ) throws {
        let result = try parse(code, rank: rank, motif: motif, piece: piece, deadline: deadline)
        #expect(throws: CaleolError.self, "\(name)") { try result.get() }
        if case .failure(let failure) = result {
            #expect(failure.code == error, "\(name)")
            #expect(!failure.message.isEmpty && failure.ruleError.code == error, "\(name)")
        }
    }

    @Test("A motive of exactly 2,000 characters is accepted; its message counts in French")
    func motifLimit() throws {
        let motif = String(repeating: "é", count: 2000)
        #expect(try parse("non_attribution", motif: motif).get().motif == motif)
        let failure = CaleolError.motifTooLong(2001)
        #expect(
            failure.message == "Le motif compte 2\u{00A0}001 caractères ; 2\u{00A0}000 au plus, merci de le raccourcir."
        )
    }

    /// DOMAIN.md §9: « attribution sous condition suspensive (… lapses if not provided in time) ».
    /// Deadline 2026-04-10: provided that day is in time; lapsed from 2026-04-11.
    static let condition: [(String, String?, String, SuspensiveConditionState)] = [
        ("no piece yet, before the deadline", nil, "2026-04-01", .pending),
        ("no piece, on the deadline day", nil, "2026-04-10", .pending),
        ("no piece, the day after the deadline", nil, "2026-04-11", .lapsed),
        ("provided on the deadline day", "2026-04-10", "2026-04-20", .met),
        ("provided before the deadline", "2026-03-20", "2026-03-25", .met),
        ("provided the day after the deadline", "2026-04-11", "2026-04-11", .lapsed),
        ("provided later than the day asked about: not yet", "2026-04-05", "2026-04-01", .pending),
    ]

    @Test("A suspensive condition lapses the day after its deadline", arguments: condition)
    func suspensiveCondition(
        _ name: String, provided: String?, on day: String, expected: SuspensiveConditionState
    ) throws {
        let condition = SuspensiveCondition(missingPiece: "Avis d'imposition 2025", deadline: try date("2026-04-10"))
        #expect(condition.state(providedOn: try provided.map(date), on: try date(day)) == expected, "\(name)")
    }

    /// "A=1" attribution rank 1, "A=c2" conditional rank 2, "A=n" non-attribution, "A=r" rejection.
    static func entry(_ text: String) throws -> CandidateDecision {
        let parts = text.split(separator: "=").map(String.init)
        let value = parts[1]
        let rank = CaleolRank(rawValue: Int(value.filter(\.isNumber)) ?? 0)
        let decision: CaleolDecision
        switch value {
        case "n": decision = .nonAttribution(motif: "Typologie inadaptée")
        case "r": decision = .rejection(motif: "Ressources au-dessus du plafond")
        case _ where value.hasPrefix("c"):
            let condition = SuspensiveCondition(missingPiece: "RFR", deadline: try CalendarDate(iso: "2026-04-10"))
            decision = .conditionalAttribution(rank: try #require(rank), condition: condition)
        default: decision = .attribution(rank: try #require(rank))
        }
        return CandidateDecision(nud: parts[0], decision: decision)
    }

    /// Seed 003: « attribution de rang 1 … rangs 2 ou 3, le logement pourra vous être attribué
    /// dans le cas où les personnes classées avant vous refusent »; DOMAIN.md §9: « one decision
    /// per candidate ». Columns: examined NUDs, decisions, expected error (nil: valid), ranked order.
    static let sets: [(String, [String], [String], String?, [String])] = [
        ("three ranks", ["A", "B", "C"], ["A=1", "B=2", "C=3"], nil, ["A", "B", "C"]),
        ("ranks given out of order", ["A", "B", "C"], ["A=3", "B=1", "C=2"], nil, ["B", "C", "A"]),
        ("a conditional rank counts as a rank", ["A", "B", "C"], ["A=c1", "B=2", "C=n"], nil, ["A", "B"]),
        ("no attribution at all", ["A", "B"], ["A=n", "B=r"], nil, []),
        ("rank 2 without rank 1", ["A", "B"], ["A=2", "B=n"], "rank_gap", []),
        ("rank 3 without rank 2", ["A", "B", "C"], ["A=1", "B=3", "C=n"], "rank_gap", []),
        ("rank 1 twice", ["A", "B"], ["A=1", "B=1"], "rank_taken_twice", []),
        ("rank 1 twice, one conditional", ["A", "B"], ["A=c1", "B=1"], "rank_taken_twice", []),
        ("a candidate decided twice", ["A", "B"], ["A=1", "A=n", "B=2"], "candidate_decided_twice", []),
        ("a candidate left without decision", ["A", "B", "C"], ["A=1", "B=2"], "candidate_without_decision", []),
        ("a decision for someone not examined", ["A"], ["A=1", "Z=2"], "candidate_not_examined", []),
    ]

    @Test("Per dwelling: one decision per candidate, ranks unique and contiguous from 1", arguments: sets)
    func decisionSet(_ name: String, examined: [String], entries: [String], error: String?, ranked: [String]) throws {
        let decisions = try entries.map(Self.entry)
        let result = Result { () throws(CaleolError) in try CaleolDecisionSet(examined: examined, decisions: decisions)
        }
        switch result {
        case .success(let set):
            #expect(error == nil, "\(name)")
            #expect(set.ranked.map(\.nud) == ranked, "\(name)")
            #expect(set.decisions.map(\.nud) == examined, "\(name)")
        case .failure(let failure):
            #expect(failure.code == error, "\(name)")
        }
    }
}
