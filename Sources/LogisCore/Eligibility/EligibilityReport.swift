/// The answer to an `EligibilityQuery`: category, ceilings, eligibility and margins per
/// financing, and a French explanation. Encoded the same by the CLI and the server.
public struct EligibilityReport: Encodable, Sendable, Equatable {
    public let year: Int
    public let zone: Zone
    public let zoneLabel: String
    public let persons: Int
    public let income: Int
    public let category: Int
    public let extraPersons: Int
    public let categoryReason: String
    /// Set when a missing answer could raise the category (the couple's ages): what to give.
    public let categoryMayBeHigher: String?
    /// The household's ceiling per financing (category amount + extra persons); `null` when the
    /// financing has no table for this year and zone.
    public let ceilings: FinancingValues<Int>
    /// Income ≤ ceiling; `null` when not judged.
    public let eligible: FinancingValues<Bool>
    /// Ceiling − income (negative when above); `null` when not judged.
    public let margins: FinancingValues<Int>
    /// Financings with no table: not judged, never guessed.
    public let missing: [Financing]
    public let explanation: String
    public let source: String

    /// The financings the household is eligible for (those judged only).
    public var eligibleFinancings: FinancingSet {
        FinancingSet(Financing.allCases.filter { eligible[$0] == true })
    }

    /// The financings not judged for want of a table: the pre-selection keeps the household for them.
    public var unjudgedFinancings: FinancingSet { FinancingSet(missing) }
}

extension CeilingsCatalog {
    /// Evaluates a query: `ceilings_unavailable` when the year and zone have no table at all;
    /// otherwise every financing that has a table is judged and the others are listed as missing.
    public func evaluate(_ query: EligibilityQuery) throws(RuleError) -> EligibilityReport {
        let schedule = try schedule(year: query.year, zone: query.zone)
        return Eligibility.report(query, schedule: schedule)
    }
}

/// Eligibility rules (DOMAIN.md §4): the RFR of N-2 must be ≤ the ceiling of the household's
/// category for the dwelling's financing. It informs, it never blocks a request.
public enum Eligibility {
    /// Income equal to the ceiling is eligible ("ne dépassant pas les plafonds", seed 003).
    public static func isEligible(income: Int, ceiling: Int) -> Bool {
        income <= ceiling
    }

    public static func report(_ query: EligibilityQuery, schedule: CeilingSchedule) -> EligibilityReport {
        let category = HouseholdCategory(of: query.household)
        var ceilings = FinancingValues<Int>()
        var eligible = FinancingValues<Bool>()
        var margins = FinancingValues<Int>()
        for financing in Financing.allCases {
            guard let table = schedule.table(for: financing) else { continue }
            let ceiling = table.ceiling(for: category)
            ceilings[financing] = ceiling
            eligible[financing] = isEligible(income: query.income, ceiling: ceiling)
            margins[financing] = ceiling - query.income
        }
        return EligibilityReport(
            year: query.year,
            zone: query.zone,
            zoneLabel: query.zone.label,
            persons: query.household.persons,
            income: query.income,
            category: category.category,
            extraPersons: category.extraPersons,
            categoryReason: category.reason,
            categoryMayBeHigher: HouseholdCategory.mayBeHigher(query.household),
            ceilings: ceilings,
            eligible: eligible,
            margins: margins,
            missing: schedule.missing,
            explanation: explanation(
                income: query.income, year: query.year, eligible: eligible, missing: schedule.missing),
            source: schedule.source
        )
    }

    /// "Avec un revenu fiscal de référence de 50 000 €, vous êtes au-dessus du plafond PLUS 2026 :
    /// seuls les logements PLS vous seraient accessibles."
    static func explanation(income: Int, year: Int, eligible: FinancingValues<Bool>, missing: [Financing]) -> String {
        let judged = Financing.allCases.filter { eligible[$0] != nil }
        let accessible = judged.filter { eligible[$0] == true }
        let above = judged.filter { eligible[$0] == false }
        var text = "Avec un revenu fiscal de référence de \(FrenchFormat.euros(income)), vous êtes "
        if let highestAbove = above.last, accessible.isEmpty {
            text +=
                "au-dessus du plafond \(highestAbove.label) \(year) : aucun logement social ne vous serait "
                + "accessible avec ces revenus. La demande peut néanmoins être déposée : les plafonds sont "
                + "vérifiés à l'attribution."
        } else if let highestAbove = above.last {
            text +=
                "au-dessus du plafond \(highestAbove.label) \(year) : seuls les logements "
                + list(accessible) + " vous seraient accessibles."
        } else if let lowest = accessible.first {
            text +=
                "dans les plafonds \(lowest.label) \(year) : les logements " + list(accessible)
                + " vous seraient accessibles."
        }
        for financing in missing {
            text +=
                " Plafonds \(financing.label) \(year) non disponibles : l'accès aux logements "
                + "\(financing.label) n'a pas pu être évalué."
        }
        return text
    }

    private static func list(_ financings: [Financing]) -> String {
        let labels = financings.map(\.label)
        guard labels.count > 1, let last = labels.last else { return labels.first ?? "" }
        return labels.dropLast().joined(separator: ", ") + " et " + last
    }
}
