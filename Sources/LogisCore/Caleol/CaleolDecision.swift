/// The decision a CALEOL takes for one candidate of one dwelling (DOMAIN.md §9, CCH R441-3).
///
/// Each case carries exactly what its kind needs, so a ranked non-attribution or an unmotivated
/// rejection cannot be represented. Build one from raw form input with
/// `init(code:rank:motif:missingPiece:deadline:sessionOn:)`, which says what is wrong in French.
public enum CaleolDecision: Sendable, Hashable {
    case attribution(rank: CaleolRank)
    /// CCH R441-3: the dwelling is given if the missing piece arrives by the condition's deadline.
    case conditionalAttribution(rank: CaleolRank, condition: SuspensiveCondition)
    /// Motivated, because the motive is notified to the applicant (DOMAIN.md §9).
    case nonAttribution(motif: String)
    /// Not admissible (ceilings, right of stay); motivated for the same reason.
    case rejection(motif: String)

    public var kind: CaleolDecisionKind {
        switch self {
        case .attribution: .attribution
        case .conditionalAttribution: .conditionalAttribution
        case .nonAttribution: .nonAttribution
        case .rejection: .rejection
        }
    }

    /// The stable code of the kind (`attribution`, `attribution_sous_condition`, …).
    public var code: String { kind.code }

    /// The French label shown to members and applicants: "Attribution en rang 1", "Non-attribution".
    public var label: String {
        guard let rank else { return kind.label }
        return "\(kind.label) en \(rank.label)"
    }

    /// The rank of an attribution; `nil` for negative decisions.
    public var rank: CaleolRank? {
        switch self {
        case .attribution(let rank), .conditionalAttribution(let rank, _): rank
        case .nonAttribution, .rejection: nil
        }
    }

    /// The motive of a negative decision; `nil` for attributions.
    public var motif: String? {
        switch self {
        case .nonAttribution(let motif), .rejection(let motif): motif
        case .attribution, .conditionalAttribution: nil
        }
    }

    /// The suspensive condition of a conditional attribution.
    public var condition: SuspensiveCondition? {
        if case .conditionalAttribution(_, let condition) = self { return condition }
        return nil
    }
}

/// What a conditional attribution waits for: one missing regulatory piece, by a deadline
/// (CCH R441-3; DOMAIN.md §9 « lapses if not provided in time »).
public struct SuspensiveCondition: Sendable, Hashable, Codable {
    /// The missing piece, as the commission wrote it (a label or a piece code).
    public let missingPiece: String
    /// The last day on which the piece may be provided.
    public let deadline: CalendarDate

    /// Unchecked: use `CaleolDecision.init(code:…)` to validate raw input.
    public init(missingPiece: String, deadline: CalendarDate) {
        self.missingPiece = missingPiece
        self.deadline = deadline
    }

    /// Where the condition stands on `date`, given the day the piece was provided (if it was).
    /// Provided on the deadline day is in time; with no piece, it lapses the day after.
    public func state(providedOn provided: CalendarDate?, on date: CalendarDate) -> SuspensiveConditionState {
        if let provided, provided <= deadline, provided <= date { return .met }
        return date > deadline ? .lapsed : .pending
    }
}

/// The state of a suspensive condition on a given day.
public enum SuspensiveConditionState: String, Sendable, Codable, CaseIterable {
    /// The piece is not provided yet and the deadline has not passed.
    case pending
    /// The piece was provided by the deadline: the attribution stands.
    case met
    /// The deadline passed without the piece: the attribution falls and the next rank may be offered.
    case lapsed

    public var code: String { rawValue }

    public var label: String {
        switch self {
        case .pending: "Pièce attendue"
        case .met: "Pièce fournie dans le délai"
        case .lapsed: "Pièce non fournie dans le délai : attribution caduque"
        }
    }
}
