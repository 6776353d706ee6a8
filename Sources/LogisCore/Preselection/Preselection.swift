/// The pre-selection of candidates for a vacant dwelling (DOMAIN.md §8, seed 003): hard filters,
/// then the ranking (cotation score, then seniority, then NUD), explained for every candidate.
public enum Preselection {
    /// Seed 003: "le bailleur présélectionne … présente ensuite les 3 dossiers sélectionnés".
    public static let defaultCount = 3

    public static func rank(
        _ candidates: [PreselectionCandidate], for dwelling: Dwelling, top count: Int = defaultCount
    ) -> PreselectionResult {
        var kept: [Int] = []
        var excluded: [PreselectionExclusion] = []
        kept.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            if let rule = firstFailedRule(candidate, dwelling) {
                excluded.append(PreselectionExclusion(nud: candidate.nud, rule: rule))
            } else {
                kept.append(index)
            }
        }
        kept.sort { isRankedBefore(candidates[$0], candidates[$1]) }
        let ranked = kept.enumerated().map { position, index in
            RankedCandidate(rank: position + 1, candidate: candidates[index], financing: dwelling.financing)
        }
        let limit = min(max(0, count), ranked.count)
        return PreselectionResult(
            dwelling: dwelling.reference, selected: Array(ranked[..<limit]), notSelected: Array(ranked[limit...]),
            excluded: excluded)
    }

    /// `RankingOrder`: score descending, then the earlier first filing, then the NUD ascending.
    public static func isRankedBefore(_ lhs: PreselectionCandidate, _ rhs: PreselectionCandidate) -> Bool {
        RankingOrder.isRankedBefore(lhs.position, rhs.position)
    }

    /// The first hard filter the candidate fails, in `ExclusionRule` order; `nil` when it passes all.
    public static func firstFailedRule(_ candidate: PreselectionCandidate, _ dwelling: Dwelling) -> ExclusionRule? {
        let financing = dwelling.financing
        if !candidate.eligibleFinancings.contains(financing), !candidate.unjudgedFinancings.contains(financing) {
            return .financingNotEligible
        }
        if !candidate.wishedCommunes.contains(dwelling.commune) { return .communeNotWished }
        if !candidate.wishedTypologies.isEmpty, !candidate.wishedTypologies.contains(dwelling.typology) {
            return .typologyNotWished
        }
        if TypologyAdvice.occupancy(of: dwelling.typology, for: candidate.composition) == .overOccupied {
            return .overOccupied
        }
        if !candidate.accessibilityNeed.isMet(by: dwelling.accessibility) { return .accessibilityNotMet }
        if let maximum = candidate.maximumRent, dwelling.monthlyRent > maximum { return .rentAboveMaximum }
        // Reading (docs/rules/preselection.md): Action Logement's flux houses employees of contributing firms.
        if dwelling.reservataire == .actionLogement, !candidate.actionLogementEligible {
            return .reservataireNotMatching
        }
        return nil
    }
}

/// The outcome of a pre-selection: who is proposed, who comes next, who was filtered out and why.
public struct PreselectionResult: Sendable, Equatable, Encodable {
    public let dwelling: String
    public let selected: [RankedCandidate]
    /// Candidates who passed every filter but rank after the selected ones.
    public let notSelected: [RankedCandidate]
    public let excluded: [PreselectionExclusion]
}

public struct RankedCandidate: Sendable, Equatable, Encodable {
    public let rank: Int
    public let nud: String
    public let score: Int
    public let firstFiling: CalendarDate
    /// The dwelling's financing has no ceiling table for the year: eligibility was not judged and
    /// must be checked by hand (said, never guessed).
    public let financingNotJudged: Bool

    init(rank: Int, candidate: PreselectionCandidate, financing: Financing) {
        self.rank = rank
        nud = candidate.nud
        score = candidate.score
        firstFiling = candidate.firstFiling
        financingNotJudged =
            !candidate.eligibleFinancings.contains(financing) && candidate.unjudgedFinancings.contains(financing)
    }
}

public struct PreselectionExclusion: Sendable, Equatable, Encodable {
    public let nud: String
    public let rule: ExclusionRule
    public var code: String { rule.code }
    public var label: String { rule.label }

    private enum CodingKeys: String, CodingKey {
        case nud, code, label
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nud, forKey: .nud)
        try container.encode(code, forKey: .code)
        try container.encode(label, forKey: .label)
    }
}
