/// One row of the ranking table (DOMAIN.md §8): a live request as the pre-selection's query sees
/// it for one wished commune — the sort key of `RankingOrder` and the hard filters of
/// `Preselection.firstFailedRule`, each reduced to a number a database compares with an index
/// scan and a bit test. Defined here so that the table and the rule cannot drift apart:
/// `passes(_:)` must agree with `Preselection.firstFailedRule(_:_:) == nil` (tested).
public struct RankingRow: Sendable, Equatable {
    public let nud: String
    public let score: Int
    public let firstFiling: CalendarDate
    /// The wished typologies; every typology when the request names none.
    public let wishedTypologies: UInt64
    /// The typologies the household would not over-occupy (T_min and above).
    public let roomyTypologies: UInt64
    public let eligibleFinancings: UInt64
    /// Kept apart from `eligibleFinancings`: a missing ceiling table excludes nobody.
    public let unjudgedFinancings: UInt64
    public let accessibilityNeed: Int
    /// 0 when the request gives no maximum.
    public let maximumRent: Int
    public let actionLogementEligible: Bool
    public let priorities: UInt64

    public init(_ candidate: PreselectionCandidate) {
        nud = candidate.nud
        score = candidate.score
        firstFiling = candidate.firstFiling
        let all = TypologySet(Typology.allCases).rawValue
        wishedTypologies = candidate.wishedTypologies.isEmpty ? all : candidate.wishedTypologies.rawValue
        let smallest = TypologyAdvice.range(for: candidate.composition).lowerBound
        roomyTypologies = TypologySet(smallest ... .t6).rawValue
        eligibleFinancings = candidate.eligibleFinancings.rawValue
        unjudgedFinancings = candidate.unjudgedFinancings.rawValue
        accessibilityNeed = candidate.accessibilityNeed.rawValue
        maximumRent = max(0, candidate.maximumRent ?? 0)
        actionLogementEligible = candidate.actionLogementEligible
        priorities = candidate.priorities.rawValue
    }

    /// What a dwelling asks of a row, as the query binds it.
    public struct Requirement: Sendable, Equatable {
        public let typologyBit: UInt64
        public let financingBit: UInt64
        /// Rows whose need is at most this value are met by the dwelling.
        public let highestNeedMet: Int
        public let monthlyRent: Int
        public let actionLogementOnly: Bool

        public init(_ dwelling: Dwelling) {
            typologyBit = TypologySet([dwelling.typology]).rawValue
            financingBit = FinancingSet([dwelling.financing]).rawValue
            highestNeedMet =
                AccessibilityNeed.allCases.filter { $0.isMet(by: dwelling.accessibility) }
                .map(\.rawValue).max() ?? 0
            monthlyRent = dwelling.monthlyRent
            // Reading (docs/rules/preselection.md): Action Logement's flux houses employees of contributing firms.
            actionLogementOnly = dwelling.reservataire == .actionLogement
        }
    }

    /// The hard filters other than the commune (the table holds one row per wished commune, and
    /// the query reads the dwelling's commune only).
    public func passes(_ requirement: Requirement) -> Bool {
        (eligibleFinancings | unjudgedFinancings) & requirement.financingBit != 0
            && wishedTypologies & requirement.typologyBit != 0
            && roomyTypologies & requirement.typologyBit != 0
            && accessibilityNeed <= requirement.highestNeedMet
            && (maximumRent == 0 || maximumRent >= requirement.monthlyRent)
            && (!requirement.actionLogementOnly || actionLogementEligible)
    }
}
