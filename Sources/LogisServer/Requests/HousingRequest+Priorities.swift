import LogisCore

extension HousingRequest {
    /// The priority criteria recognised for the request (DALO, PDALHPD…), read strictly: the
    /// current set lives in `priorities`, the history of each decision (who, when, which
    /// reference) in `priority_flags`, both written in one transaction by
    /// `GuichetActions.flagPriority` — the only writer.
    func priorityCriteria() throws(RuleError) -> PrioritySet {
        try Self.priorityCriteria(stored: priorities)
    }

    /// The `priorities` column read strictly, for a caller holding the column without the model.
    static func priorityCriteria(stored text: String?) throws(RuleError) -> PrioritySet {
        var set = PrioritySet()
        for code in codes(text) {
            guard let criterion = PriorityCriterion(code: code) else {
                throw StoredCode.unknown("statut prioritaire", code)
            }
            set.insert(criterion)
        }
        return set
    }

    func setPriorityCriteria(_ set: PrioritySet) {
        priorities = set.isEmpty ? nil : set.elements.map(\.code).joined(separator: ",")
    }

    /// The cotation criteria an agent validated (the grid's codes: a grid may add its own).
    var validatedCriterionCodes: Set<String> {
        get { Set(Self.codes(validatedCriteria)) }
        set { validatedCriteria = newValue.isEmpty ? nil : newValue.sorted().joined(separator: ",") }
    }

    /// The codes of a comma-separated column (`priorities`, `validated_criteria`).
    static func codes(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
