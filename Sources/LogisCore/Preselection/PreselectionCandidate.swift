/// A request as the pre-selection sees it: the sort key and the hard-filter columns of the
/// ranking table (DOMAIN.md §8), nothing else.
public struct PreselectionCandidate: Sendable, Equatable {
    public let nud: String
    public let score: Int
    /// Seniority: the first filing date (kept on renewal).
    public let firstFiling: CalendarDate
    public let wishedCommunes: [String]
    /// Empty means "any typology".
    public let wishedTypologies: TypologySet
    public let composition: HouseholdComposition
    /// The financings whose ceilings the household meets (stored, recomputed on change).
    public let eligibleFinancings: FinancingSet
    /// The financings whose ceiling table is missing for the year and zone: not judged, so never
    /// a reason to exclude (an unpublished PLAI table is no "ressources au-dessus du plafond").
    public let unjudgedFinancings: FinancingSet
    public let accessibilityNeed: AccessibilityNeed
    /// The highest rent + charges the household accepts (Cerfa section 8), if given.
    public let maximumRent: Int?
    /// Employee of a private firm contributing to Action Logement.
    public let actionLogementEligible: Bool
    /// Priority criteria set by a social worker or an agent (DALO allows fewer than 3 candidates).
    public let priorities: PrioritySet

    public init(
        nud: String, score: Int, firstFiling: CalendarDate, wishedCommunes: [String],
        wishedTypologies: TypologySet = [], composition: HouseholdComposition, eligibleFinancings: FinancingSet,
        unjudgedFinancings: FinancingSet = [], accessibilityNeed: AccessibilityNeed = .none, maximumRent: Int? = nil,
        actionLogementEligible: Bool = false, priorities: PrioritySet = []
    ) {
        self.nud = nud
        self.score = score
        self.firstFiling = firstFiling
        self.wishedCommunes = wishedCommunes
        self.wishedTypologies = wishedTypologies
        self.composition = composition
        self.eligibleFinancings = eligibleFinancings
        self.unjudgedFinancings = unjudgedFinancings
        self.accessibilityNeed = accessibilityNeed
        // A maximum of 0 (or less) is "not given", never "nothing is affordable".
        self.maximumRent = maximumRent.flatMap { $0 > 0 ? $0 : nil }
        self.actionLogementEligible = actionLogementEligible
        self.priorities = priorities
    }
}

/// Why a candidate was left out: the first hard filter it failed, in the order they are checked.
public enum ExclusionRule: String, Sendable, Codable, CaseIterable {
    case financingNotEligible = "financing_not_eligible"
    case communeNotWished = "commune_not_wished"
    case typologyNotWished = "typology_not_wished"
    case overOccupied = "over_occupied"
    case accessibilityNotMet = "accessibility_not_met"
    case rentAboveMaximum = "rent_above_maximum"
    case reservataireNotMatching = "reservataire_not_matching"

    public var code: String { rawValue }

    public var label: String {
        switch self {
        case .financingNotEligible: "Ressources au-dessus du plafond du financement du logement"
        case .communeNotWished: "Commune du logement absente des communes souhaitées"
        case .typologyNotWished: "Typologie du logement absente des typologies souhaitées"
        case .overOccupied: "Logement trop petit pour la composition du ménage (sur-occupation)"
        case .accessibilityNotMet: "Logement ne répondant pas au besoin d'accessibilité du ménage"
        case .rentAboveMaximum: "Loyer supérieur au loyer maximum indiqué dans la demande"
        case .reservataireNotMatching:
            "Logement réservé à Action Logement : ménage non salarié d'une entreprise cotisante"
        }
    }
}

extension PreselectionCandidate {
    /// The candidate's place in `RankingOrder`.
    public var position: RankingOrder.Position {
        RankingOrder.Position(score: score, firstFiling: firstFiling, nud: nud)
    }
}
