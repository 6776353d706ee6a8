/// The kinds of decision a CALEOL takes for one candidate of one dwelling (DOMAIN.md §9,
/// CCH R441-3): two that give the dwelling, two that do not.
public enum CaleolDecisionKind: Int, CodedEnum {
    /// Attribution with a rank: rank 1 gets the offer; ranks 2 and 3 get it if those before refuse.
    case attribution = 0
    /// Attribution subject to a missing regulatory piece being provided by a deadline.
    case conditionalAttribution = 1
    /// The dwelling is not given to this candidate; the request stays active (seed 003).
    case nonAttribution = 2
    /// The request is not admissible (ceilings, right of stay): rejet pour irrecevabilité.
    case rejection = 3

    public var code: String {
        switch self {
        case .attribution: "attribution"
        case .conditionalAttribution: "attribution_sous_condition"
        case .nonAttribution: "non_attribution"
        case .rejection: "rejet_irrecevabilite"
        }
    }

    public var label: String {
        switch self {
        case .attribution: "Attribution"
        case .conditionalAttribution: "Attribution sous condition suspensive"
        case .nonAttribution: "Non-attribution"
        case .rejection: "Rejet pour irrecevabilité"
        }
    }

    /// Attributions (conditional included) carry a rank and give the dwelling in rank order.
    public var isAttribution: Bool {
        self == .attribution || self == .conditionalAttribution
    }

    /// DOMAIN.md §9: negative decisions are motivated, and the motive is notified to the applicant.
    public var requiresMotif: Bool { !isAttribution }
}

/// The rank of an attribution (seed 003: « attribution de rang 1 … de rangs 2 ou 3 »). Only three
/// ranks exist, so a fourth cannot even be written down.
public enum CaleolRank: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case first = 1
    case second = 2
    case third = 3

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// "rang 1".
    public var label: String { "rang \(rawValue)" }
}
