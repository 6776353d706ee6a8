/// One candidate's decision, named by the request's NUD.
public struct CandidateDecision: Sendable, Hashable {
    public let nud: String
    public let decision: CaleolDecision

    public init(nud: String, decision: CaleolDecision) {
        self.nud = nud
        self.decision = decision
    }
}

/// The decisions of one session for one dwelling, checked as a whole: every examined candidate
/// has exactly one decision, and the attributions are ranked 1, 2, 3 with no gap and no repeat.
///
/// Why: the offer goes to rank 1, then to the next rank on refusal (CCH R441-3, seed 003 « le
/// logement pourra vous être attribué dans le cas où les personnes classées avant vous
/// refusent »), so a missing rank 1 or two ranks 2 would leave nobody, or two people, next in line.
public struct CaleolDecisionSet: Sendable, Equatable {
    /// The decisions in the order the candidates were examined.
    public let decisions: [CandidateDecision]

    /// - Parameters:
    ///   - examined: the NUDs of the candidates presented for the dwelling.
    ///   - decisions: one per examined candidate.
    public init(examined: [String], decisions: [CandidateDecision]) throws(CaleolError) {
        var decided: Set<String> = []
        for entry in decisions {
            guard examined.contains(entry.nud) else { throw .candidateNotExamined(entry.nud) }
            guard decided.insert(entry.nud).inserted else { throw .candidateDecidedTwice(entry.nud) }
        }
        if let undecided = examined.first(where: { !decided.contains($0) }) {
            throw .candidateWithoutDecision(undecided)
        }
        try Self.checkRanks(decisions.compactMap(\.decision.rank))
        self.decisions = examined.compactMap { nud in decisions.first { $0.nud == nud } }
    }

    /// Ranks are unique and contiguous from 1: rank 2 needs rank 1, rank 3 needs rank 2.
    private static func checkRanks(_ ranks: [CaleolRank]) throws(CaleolError) {
        var seen: Set<CaleolRank> = []
        for rank in ranks {
            guard seen.insert(rank).inserted else { throw .rankTakenTwice(rank) }
        }
        if let highest = seen.max(),
            let missing = CaleolRank.allCases.first(where: { $0 < highest && !seen.contains($0) })
        {
            throw .rankGap(missing: missing)
        }
    }

    /// The attributions (conditional included) in rank order: who is offered the dwelling, and
    /// who comes next.
    public var ranked: [CandidateDecision] {
        let pairs = decisions.compactMap { entry in entry.decision.rank.map { (rank: $0, entry: entry) } }
        return pairs.sorted { $0.rank < $1.rank }.map(\.entry)
    }
}
