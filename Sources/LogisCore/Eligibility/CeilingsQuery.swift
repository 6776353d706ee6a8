import Foundation

/// A ceilings question (year and zone), as `logis rules ceilings --year … --zone …` and the
/// server's `?year=&zone=` give it.
public struct CeilingsQuery: Sendable, Equatable {
    public let year: Int
    public let zone: Zone

    public init(year: Int, zone: Zone) {
        self.year = year
        self.zone = zone
    }

    public init(parameters: [String: String]) throws(RuleError) {
        year = try Self.year(parameters["year"])
        zone = try Self.zone(parameters["zone"])
    }

    /// Parses the `year` parameter (4 digits within the accepted years).
    static func year(_ raw: String?) throws(RuleError) -> Int {
        guard let text = raw?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw RuleError.missingParameter("year")
        }
        guard let year = EligibilityQuery.integer(text), CeilingsFile.acceptedYears.contains(year) else {
            throw RuleError.invalidParameter(
                "year", value: text, expected: "une année sur 4 chiffres (par exemple 2026)")
        }
        return year
    }

    /// Parses the `zone` parameter (`paris`, `idf`, `autres-regions`).
    static func zone(_ raw: String?) throws(RuleError) -> Zone {
        guard let text = raw?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw RuleError.missingParameter("zone")
        }
        guard let zone = Zone(code: text) else {
            throw RuleError(
                code: "invalid_parameter",
                message: "Zone « \(text) » inconnue : choisir paris, idf ou autres-regions."
            )
        }
        return zone
    }
}
