/// A grid ready to score: conditions compiled once (see `ConditionProgram`). Build it once per
/// grid version and share it (it is immutable and `Sendable`).
public struct CompiledCotationGrid: Sendable {
    public let grid: CotationGrid
    private let program: ConditionProgram
    private let criteria: [Compiled]

    private struct Compiled: Sendable {
        let root: Int
        let points: Int
        let per: CotationQuantity?
        let cap: Int?
        let needsValidation: Bool
        let code: String
    }

    public init(_ grid: CotationGrid) throws(RuleError) {
        try grid.validate()
        var program = ConditionProgram()
        criteria = grid.criteria.map { criterion in
            Compiled(
                root: program.compile(criterion.when), points: criterion.points, per: criterion.per,
                cap: criterion.cap, needsValidation: criterion.needsValidation, code: criterion.code)
        }
        self.grid = grid
        self.program = program
    }

    /// The total score of a request: the fast path of the nightly batch (no breakdown).
    public func total(_ facts: CotationFacts) -> Int {
        let vector = FactVector(facts, computeMonths: program.usesMonths || grid.seniority != nil)
        var total = 0
        for criterion in criteria {
            guard let points = points(criterion, facts, vector) else { continue }
            if criterion.needsValidation, !facts.validatedCriteria.contains(criterion.code) { continue }
            total += points
        }
        return total + seniorityPoints(months: vector.monthsWaiting) + refusalPoints(refusals: facts.refusals)
    }

    /// How many criteria hold for these facts but are not counted until validated (`needsValidation`):
    /// the social worker's queue « Critères à valider ».
    public func pendingValidationCount(_ facts: CotationFacts) -> Int {
        let vector = FactVector(facts, computeMonths: program.usesMonths || grid.seniority != nil)
        return criteria.filter { criterion in
            criterion.needsValidation && !facts.validatedCriteria.contains(criterion.code)
                && points(criterion, facts, vector) != nil
        }.count
    }

    /// The score with its line-by-line breakdown, as shown to the applicant.
    public func score(_ facts: CotationFacts) -> CotationScore {
        let vector = FactVector(facts, computeMonths: true)
        var lines: [CotationLine] = []
        var total = 0
        var pending = 0
        for (criterion, definition) in zip(criteria, grid.criteria) {
            guard let points = points(criterion, facts, vector) else { continue }
            let counted = !criterion.needsValidation || facts.validatedCriteria.contains(criterion.code)
            if counted { total += points } else { pending += points }
            let detail = criterion.per.map { Self.describe($0, facts.quantity($0)) }
            lines.append(
                CotationLine(
                    code: definition.code, label: definition.label, points: points,
                    status: counted ? .counted : .pendingValidation, detail: detail))
        }
        if let seniority = grid.seniority {
            let points = seniorityPoints(months: vector.monthsWaiting)
            total += points
            lines.append(
                CotationLine(
                    code: "anciennete", label: seniority.label, points: points, status: .counted,
                    detail: "\(vector.monthsWaiting) mois depuis le premier dépôt (\(facts.firstFiling.french))"))
        }
        if let refusals = grid.refusals, case let points = refusalPoints(refusals: facts.refusals), points != 0 {
            total += points
            lines.append(
                CotationLine(
                    code: "refus", label: refusals.label, points: points, status: .counted,
                    detail: FrenchFormat.count(facts.refusals, "refus", "refus") + " d'offre adaptée"))
        }
        return CotationScore(
            gridId: grid.id, gridVersion: grid.version, evaluatedOn: facts.evaluationDate, total: total,
            pendingPoints: pending, lines: lines)
    }

    /// The points of a criterion whose condition holds, `nil` when it does not apply.
    private func points(_ criterion: Compiled, _ facts: CotationFacts, _ vector: FactVector) -> Int? {
        guard program.evaluate(criterion.root, vector) else { return nil }
        guard let per = criterion.per else { return criterion.points }
        let points = criterion.points * facts.quantity(per)
        return criterion.cap.map { min(points, $0) } ?? points
    }

    func seniorityPoints(months: Int) -> Int {
        guard let seniority = grid.seniority else { return 0 }
        let points = months * seniority.pointsPerMonth
        return seniority.cap.map { min(points, $0) } ?? points
    }

    func refusalPoints(refusals: Int) -> Int {
        guard let rule = grid.refusals else { return 0 }
        let penalty = max(0, refusals - rule.freeRefusals) * rule.penaltyPerRefusal
        return -(rule.maxPenalty.map { min(penalty, $0) } ?? penalty)
    }

    private static func describe(_ quantity: CotationQuantity, _ count: Int) -> String {
        switch quantity {
        case .children: FrenchFormat.count(count, "enfant", "enfants")
        case .persons: FrenchFormat.count(count, "personne", "personnes")
        case .disabledPersons:
            FrenchFormat.count(count, "personne en situation de handicap", "personnes en situation de handicap")
        }
    }
}
