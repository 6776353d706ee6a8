import LogisCore

/// `typology --adults 2 --children 3 [--not-couple] [--dwelling T3]`.
enum TypologyCommand {
    struct Report: Encodable {
        let adults: Int
        let children: Int
        let couple: Bool
        let typologies: [Typology]
        let minimum: Typology
        let maximum: Typology
        let reason: String
        let basis: TypologyAdvice.Basis
        let dwelling: Typology?
        let occupancy: Occupancy?
        let occupancyLabel: String?

        private enum CodingKeys: String, CodingKey {
            case adults, children, couple, typologies, minimum, maximum, reason, basis
            case dwelling, occupancy, occupancyLabel
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(adults, forKey: .adults)
            try container.encode(children, forKey: .children)
            try container.encode(couple, forKey: .couple)
            try container.encode(typologies, forKey: .typologies)
            try container.encode(minimum, forKey: .minimum)
            try container.encode(maximum, forKey: .maximum)
            try container.encode(reason, forKey: .reason)
            try container.encode(basis, forKey: .basis)
            try container.encode(dwelling, forKey: .dwelling)
            try container.encode(occupancy, forKey: .occupancy)
            try container.encode(occupancyLabel, forKey: .occupancyLabel)
        }
    }

    static func run(_ arguments: [String]) throws(RuleError) -> String {
        let options = try CommandOptions(
            arguments, command: "typology", valued: ["adults", "children", "dwelling"], flags: ["not-couple"])
        try options.noPositionals("typology")
        guard let adults = try options.integer("adults") else { throw RuleError.missingParameter("adults") }
        let children = try options.integer("children") ?? 0
        let household = try HouseholdComposition(
            adults: adults, children: children, couple: options.flags.contains("not-couple") ? false : nil)
        let advice = TypologyAdvice(for: household)
        var dwelling: Typology?
        if let text = options.values["dwelling"] {
            guard let typology = Typology(parsing: text) else {
                throw RuleError.invalidParameter("dwelling", value: text, expected: "une typologie de T1 à T6")
            }
            dwelling = typology
        }
        let occupancy = dwelling.map { advice.occupancy(of: $0) }
        return RuleJSON.string(
            Report(
                adults: adults, children: children, couple: household.couple, typologies: advice.typologies,
                minimum: advice.minimum, maximum: advice.maximum, reason: advice.reason, basis: advice.basis,
                dwelling: dwelling, occupancy: occupancy, occupancyLabel: occupancy?.label))
    }
}
