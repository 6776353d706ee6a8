import Foundation

/// An eligibility question: a household, its revenu fiscal de référence (year N-2), a year and a
/// zone. Built from `--year …` options (CLI) or `?year=…` query items (server) with one parser, so
/// both answer the same errors and the same JSON.
public struct EligibilityQuery: Sendable, Equatable {
    public let year: Int
    public let zone: Zone
    public let household: Household
    /// Revenu fiscal de référence of year N-2 of everyone to be housed, in euros.
    public let income: Int

    public init(year: Int, zone: Zone, household: Household, income: Int) {
        self.year = year
        self.zone = zone
        self.household = household
        self.income = income
    }

    /// The parameter names, as in `GET /api/v1/eligibility?year=&zone=&persons=&dependents=&couple-ages=&disabled=&income=`.
    public static let parameterNames = ["year", "zone", "persons", "dependents", "couple-ages", "disabled", "income"]

    /// Parses `year`, `zone`, `persons`, `income` (required) and `dependents`, `couple-ages`
    /// (or `coupleAges`), `disabled` (optional). Empty values count as absent; other keys are
    /// ignored (a query string may carry more).
    public init(parameters: [String: String]) throws(RuleError) {
        func value(_ names: String...) -> String? {
            for name in names {
                if let raw = parameters[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty { return raw }
            }
            return nil
        }
        func required(_ name: String) throws(RuleError) -> String {
            guard let raw = value(name) else { throw RuleError.missingParameter(name) }
            return raw
        }

        let year = try CeilingsQuery.year(value("year"))
        let zone = try CeilingsQuery.zone(value("zone"))
        let persons = try Self.count("persons", try required("persons"), "un nombre de personnes (1 ou plus)")
        let incomeText = try required("income")
        guard let income = Self.euros(incomeText) else {
            throw RuleError.invalidParameter(
                "income", value: incomeText,
                expected: "un revenu fiscal de référence en euros sans centimes, par exemple 30000"
            )
        }
        let dependents = try value("dependents").map { (text: String) throws(RuleError) -> Int in
            try Self.count("dependents", text, "un nombre de personnes à charge")
        }
        let disabled = try value("disabled").map { (text: String) throws(RuleError) -> Int in
            try Self.count("disabled", text, "un nombre de personnes en situation de handicap")
        }
        let coupleAges = try value("couple-ages", "coupleAges").map { (text: String) throws(RuleError) -> CoupleAges in
            try Self.coupleAges(text)
        }
        let household = try Household(
            persons: persons, dependents: dependents ?? 0, coupleAges: coupleAges, disabledPersons: disabled ?? 0
        )
        self.init(year: year, zone: zone, household: household, income: income)
    }

    /// ASCII digits only (no sign, no exponent, at most 9 digits).
    static func integer(_ text: String) -> Int? {
        guard (1...9).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// Euros as typed by people: digits, with French thousands separators (spaces) tolerated.
    static func euros(_ text: String) -> Int? {
        integer(text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" })
    }

    private static func count(_ name: String, _ text: String, _ expected: String) throws(RuleError) -> Int {
        guard let value = integer(text) else {
            throw RuleError.invalidParameter(name, value: text, expected: expected)
        }
        return value
    }

    private static func coupleAges(_ text: String) throws(RuleError) -> CoupleAges {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, let first = integer(parts[0]), let second = integer(parts[1]) else {
            throw RuleError.invalidParameter(
                "couple-ages", value: text, expected: "deux âges séparés par une virgule (par exemple 30,28)"
            )
        }
        return try CoupleAges(first, second)
    }
}
