import LogisCore
import Vapor

/// Why a request is, or is not, proposed for a dwelling (DOMAIN.md §8: every pre-selection is
/// explainable): the filter it fails, or its rank with its score lines, its eligibility margin,
/// the typology fit and the wish matched. Stored with each kept candidate, shown to the agent.
struct CandidateExplanation: Content, Equatable {
    enum Outcome: String, Codable, Sendable {
        /// Among those kept for the commission (or among the first when nobody is kept yet).
        case proposed = "propose"
        /// Passes every filter, ranks after those proposed.
        case ranked = "classe"
        /// Fails a hard filter.
        case excluded = "exclu"
        /// Not waiting for a dwelling (draft, already a candidate, allocated, closed).
        case notRanked = "hors_classement"
    }

    struct ScoreLine: Content, Equatable {
        let label: String
        let points: Int
    }

    struct Eligibility: Content, Equatable {
        let financing: String
        /// The household's ceiling and its revenu fiscal de référence; `nil` when not judged.
        let ceiling: Int?
        let income: Int?
        let margin: Int?
        let judged: Bool
        let label: String
    }

    struct Exclusion: Content, Equatable {
        let code: String
        let label: String
    }

    let nud: String
    let outcome: Outcome
    let outcomeLabel: String
    let rank: Int?
    let score: Int
    let firstFiling: String
    let scoreLines: [ScoreLine]
    let exclusion: Exclusion?
    let eligibility: Eligibility?
    let typology: String?
    let wish: String?
    let priorities: [String]

    /// - Parameters:
    ///   - rank: the place among the requests passing every filter (`nil` when excluded or not ranked).
    ///   - score: the cotation as the grid computes it today (`nil` when no grid).
    ///   - communeName: the name of the dwelling's commune.
    init(
        facts: RequestRankingFacts, request: HousingRequest, dwelling: Dwelling, rank: Int?,
        proposedCount: Int, score: CotationScore?, communeName: String, refusedBefore: Bool = false
    ) {
        let candidate = facts.candidate
        nud = candidate.nud
        self.score = candidate.score
        firstFiling = candidate.firstFiling.iso
        scoreLines = (score?.lines ?? []).filter { $0.isCounted && $0.points != 0 }.map {
            ScoreLine(label: $0.label, points: $0.points)
        }
        priorities = candidate.priorities.elements.map(\.label)
        let failed = Preselection.firstFailedRule(candidate, dwelling)
        let refusal = Exclusion(
            code: "refused_this_dwelling",
            label: "Proposition de ce logement déjà refusée (ou restée sans réponse) lors d’un tour précédent")
        exclusion = failed.map { Exclusion(code: $0.code, label: $0.label) } ?? (refusedBefore ? refusal : nil)
        let outcome: Outcome
        if !RankingTable.rankedStatuses.contains(request.status) {
            outcome = .notRanked
        } else if exclusion != nil {
            outcome = .excluded
        } else if let rank, rank <= proposedCount {
            outcome = .proposed
        } else {
            outcome = .ranked
        }
        self.outcome = outcome
        self.rank = outcome == .proposed || outcome == .ranked ? rank : nil
        switch outcome {
        case .proposed: outcomeLabel = "Proposée, rang \(rank ?? 0) du classement"
        case .ranked: outcomeLabel = "Non proposée : rang \(rank ?? 0), après les candidatures proposées"
        case .excluded: outcomeLabel = "Non proposée : \(exclusion?.label ?? "")"
        case .notRanked:
            outcomeLabel = "Non proposée : la demande n’est pas en attente d’un logement (\(request.status.label))"
        }
        let financing = dwelling.financing
        let judged = facts.eligibility?.eligible[financing] != nil
        let margin = facts.eligibility?.margins[financing]
        eligibility = Eligibility(
            financing: financing.code, ceiling: facts.eligibility?.ceilings[financing],
            income: judged ? facts.eligibility?.income : nil, margin: margin, judged: judged,
            label: Self.eligibilityLabel(financing: financing, margin: margin))
        let occupancy = TypologyAdvice.occupancy(of: dwelling.typology, for: candidate.composition)
        typology = "\(dwelling.typology.code) : \(occupancy.label)"
        let choice = candidate.wishedCommunes.firstIndex(of: dwelling.commune).map { $0 + 1 }
        wish = choice.map { "\(communeName), \($0 == 1 ? "1er" : "\($0)e") choix" }
    }

    static func eligibilityLabel(financing: Financing, margin: Int?) -> String {
        guard let margin else {
            return "Plafond \(financing.label) non publié pour l’année : éligibilité à vérifier par le bailleur"
        }
        let euros = FrenchFormat.euros(abs(margin))
        return margin >= 0
            ? "Ressources sous le plafond \(financing.label) de \(euros)"
            : "Ressources au-dessus du plafond \(financing.label) de \(euros)"
    }
}
