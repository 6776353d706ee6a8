/// What has happened so far to one candidate ranked by the commission.
public enum AttributaireOutcome: Sendable, Equatable {
    /// The candidate's offer, in its state on the day asked (use `Offer.state(on:)`, so that a
    /// silent applicant past the deadline counts as lapsed).
    case offer(OfferState)
    /// The candidate's suspensive condition lapsed (`SuspensiveCondition.state(providedOn:on:)`):
    /// the attribution falls, whatever the offer's state.
    case conditionLapsed

}

/// What the bailleur does next for a dwelling after its commission.
public enum OfferStep: Sendable, Equatable {
    /// Send the offer to this candidate.
    case offer(nud: String, rank: CaleolRank)
    /// An offer is with this candidate: wait for the answer or the deadline.
    case awaitAnswer(nud: String, rank: CaleolRank)
    /// This candidate accepted: sign the lease; nobody else is offered the dwelling.
    case attributed(nud: String, rank: CaleolRank)
    /// Nobody ranked is left: the dwelling goes back to pre-selection and a new commission.
    case backToPreselection

    public var code: String {
        switch self {
        case .offer: "offer"
        case .awaitAnswer: "await_answer"
        case .attributed: "attributed"
        case .backToPreselection: "back_to_preselection"
        }
    }

    public var label: String {
        switch self {
        case .offer(_, let rank): "Proposer le logement au candidat classé en \(rank.label)"
        case .awaitAnswer(_, let rank): "Attendre la réponse du candidat classé en \(rank.label)"
        case .attributed(_, let rank): "Logement accepté par le candidat classé en \(rank.label) : signature du bail"
        case .backToPreselection: "Aucun candidat classé restant : le logement revient en présélection"
        }
    }
}

/// Who gets the offer of a dwelling, rank after rank (CCH R441-3: « l'attribution du logement
/// étant prononcée au profit du candidat suivant en cas de refus du logement par le candidat
/// classé devant lui »; seed 003; DOMAIN.md §10).
public enum OfferSequence {
    /// The next step for the dwelling whose decisions are `decisions`.
    ///
    /// Walks the attributions in rank order (conditional ones included: they may receive the
    /// offer while their piece is awaited) and skips every candidate who refused, stayed silent,
    /// had the offer withdrawn, or whose suspensive condition lapsed.
    ///
    /// - Parameter outcomes: by NUD, for the ranked candidates something happened to; a candidate
    ///   absent from it has not been offered the dwelling yet.
    /// - Throws: `candidate_not_ranked` when an outcome names someone without an attribution.
    public static func next(
        _ decisions: CaleolDecisionSet, outcomes: [String: AttributaireOutcome]
    ) throws(OfferError) -> OfferStep {
        let ranked = decisions.ranked
        if let stranger = outcomes.keys.sorted().first(where: { nud in !ranked.contains { $0.nud == nud } }) {
            throw .candidateNotRanked(stranger)
        }
        let rankedOnly = ranked.compactMap { entry in entry.decision.rank.map { (nud: entry.nud, rank: $0) } }
        // An acceptance ends the sequence, whichever rank it came from.
        if let taker = rankedOnly.first(where: { outcomes[$0.nud] == .offer(.accepted) }) {
            return .attributed(nud: taker.nud, rank: taker.rank)
        }
        for (nud, rank) in rankedOnly {
            switch outcomes[nud] {
            case nil: return .offer(nud: nud, rank: rank)
            case .conditionLapsed: continue
            case .offer(let state):
                switch state {
                case .proposed: return .awaitAnswer(nud: nud, rank: rank)
                case .accepted: return .attributed(nud: nud, rank: rank)
                case .refused, .lapsed, .withdrawn: continue
                }
            }
        }
        return .backToPreselection
    }
}
