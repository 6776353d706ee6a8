/// The household category (1 to 6, plus persons beyond six) that selects a ceiling column.
public struct HouseholdCategory: Sendable, Equatable, Encodable {
    /// 1…6.
    public let category: Int
    /// Persons counted beyond category 6 ("par personne supplémentaire").
    public let extraPersons: Int
    /// Which rule of the table placed the household here, in French ("3 personnes", "jeune ménage").
    public let reason: String

    /// Arrêté du 29 juillet 1987 (seed 003 table), categories of household:
    /// 1. one person alone;
    /// 2. two persons with no dependant (jeunes ménages excluded), or one person with a disability;
    /// 3. three persons, or one person + 1 dependant, or a jeune ménage (couple, sum of ages ≤ 55,
    ///    no dependant), or two persons of whom at least one has a disability;
    /// 4–6. n persons, or one person + (n − 2) dependants, or (n − 1) persons incl. one with a
    ///    disability; each person above six adds the "par personne supplémentaire" amount.
    ///
    /// Every rule of the table counts the household one rank higher than its size when it is a
    /// single person with dependants, a jeune ménage, or includes a person with a disability; these
    /// steps do not add up (a single parent with a disability is not two ranks up). Our reading is
    /// in docs/rules/household-category.md.
    public init(of household: Household) {
        let persons = household.persons
        let rule = Self.upgradingRule(of: household)
        let rank = persons + (rule == nil ? 0 : 1)
        category = min(rank, 6)
        extraPersons = max(0, rank - 6)
        let base = rule?.reason ?? Self.plainReason(household)
        if extraPersons > 0 {
            let extra = FrenchFormat.count(extraPersons, "personne supplémentaire", "personnes supplémentaires")
            reason = "\(base) : catégorie 6 + \(extra)"
        } else {
            reason = base
        }
    }

    /// Seed 003: "Jeune ménage : couple dont la somme des âges est au plus égale à 55 ans",
    /// without dependant.
    public static let jeuneMenageMaximumAgeSum = 55

    /// When the answers leave the category open, what would raise it and what to say: two persons
    /// with no dependant and no disability, whose ages were not given, may be a jeune ménage
    /// (category 3, not 2). The simulator asks rather than silently keeping the lower category.
    public static func mayBeHigher(_ household: Household) -> String? {
        guard household.persons == 2, household.dependents == 0, household.disabledPersons == 0,
            household.coupleAges == nil
        else { return nil }
        return "Si ces deux personnes forment un couple dont la somme des âges est de \(jeuneMenageMaximumAgeSum) "
            + "ans au plus (jeune ménage), la catégorie est 3 et les plafonds plus élevés : indiquez les âges du couple."
    }

    public static func isJeuneMenage(_ household: Household) -> Bool {
        guard let ages = household.coupleAges else { return false }
        return household.persons == 2 && household.dependents == 0 && ages.sum <= jeuneMenageMaximumAgeSum
    }

    private enum UpgradingRule {
        case jeuneMenage
        case singleWithDependents(Int)
        case disability(persons: Int)

        var reason: String {
            switch self {
            case .jeuneMenage:
                "jeune ménage"
            case .singleWithDependents(let count):
                "personne seule avec " + FrenchFormat.count(count, "personne à charge", "personnes à charge")
            case .disability(persons: 1):
                "personne seule en situation de handicap"
            case .disability(let persons):
                "\(persons) personnes dont au moins une en situation de handicap"
            }
        }
    }

    /// The rule that moves the household one rank up, if any (first match in the table's order).
    private static func upgradingRule(of household: Household) -> UpgradingRule? {
        if isJeuneMenage(household) { return .jeuneMenage }
        if household.independentPersons == 1, household.dependents > 0 {
            return .singleWithDependents(household.dependents)
        }
        if household.disabledPersons > 0 { return .disability(persons: household.persons) }
        return nil
    }

    private static func plainReason(_ household: Household) -> String {
        switch household.persons {
        case 1: "personne seule"
        case 2: "2 personnes sans personne à charge"
        default: "\(household.persons) personnes"
        }
    }
}
