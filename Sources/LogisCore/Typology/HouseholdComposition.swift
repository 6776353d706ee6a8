/// Who lives in the household, as the typology advice sees it: adults (couple or not) and children.
public struct HouseholdComposition: Sendable, Equatable, Codable {
    public let adults: Int
    public let children: Int
    /// Whether two of the adults form a couple (sharing one bedroom).
    public let couple: Bool

    /// `couple` defaults to true when there are two adults or more.
    public init(adults: Int, children: Int = 0, couple: Bool? = nil) throws(RuleError) {
        guard (1...Household.maximumPersons).contains(adults) else {
            throw RuleError(
                code: "invalid_household",
                message: "Le ménage doit compter au moins un adulte (reçu : \(adults))."
            )
        }
        guard children >= 0, adults + children <= Household.maximumPersons else {
            throw RuleError(
                code: "invalid_household",
                message: "Le nombre d'enfants doit être compris entre 0 et \(Household.maximumPersons - adults)."
            )
        }
        let isCouple = couple ?? (adults >= 2)
        guard !isCouple || adults >= 2 else {
            throw RuleError(code: "invalid_household", message: "Un couple compte au moins deux adultes.")
        }
        self.adults = adults
        self.children = children
        self.couple = isCouple
    }

    public var persons: Int { adults + children }

    /// Adults beyond the parent or the couple (an adult child, a grandparent, a flatmate…).
    var otherAdults: Int { adults - (couple ? 2 : 1) }
}
