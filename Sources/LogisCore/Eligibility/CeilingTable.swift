/// One financing's ceilings for one year and zone: the six category amounts and the amount per
/// person beyond six (euros of revenu fiscal de référence, year N-2).
public struct CeilingTable: Sendable, Equatable, Codable {
    /// Categories 1 to 6.
    public let categories: [Int]
    /// "Par personne supplémentaire".
    public let extraPerson: Int

    public init(categories: [Int], extraPerson: Int) {
        self.categories = categories
        self.extraPerson = extraPerson
    }

    /// The ceiling of a household: its category's amount plus its persons beyond six.
    public func ceiling(for category: HouseholdCategory) -> Int {
        ceiling(category: category.category, extraPersons: category.extraPersons)
    }

    public func ceiling(category: Int, extraPersons: Int) -> Int {
        categories[min(max(category, 1), 6) - 1] + max(0, extraPersons) * extraPerson
    }

    /// PLS = PLUS × 1.30, cell by cell, rounded to the nearest euro (half up), then summed:
    /// seed 003, 2023: PLS c3 45 676 = 35 135 × 1.3; extra person 8 155 = 6 273 × 1.3.
    public func scaledForPLS() -> CeilingTable {
        // Integer arithmetic so that x.5 always rounds up (no binary floating-point drift).
        func scale(_ amount: Int) -> Int { (amount * 13 + 5) / 10 }
        return CeilingTable(categories: categories.map(scale), extraPerson: scale(extraPerson))
    }

    /// The shape every published table has: 6 positive amounts, never decreasing with the
    /// category, and a positive amount per extra person.
    func validate(_ financing: Financing) throws(RuleError) {
        let name = financing.label
        guard categories.count == 6 else {
            throw CeilingsFile.invalid("le tableau \(name) doit avoir 6 catégories (reçu : \(categories.count)).")
        }
        guard categories.allSatisfy({ $0 > 0 }), extraPerson > 0 else {
            throw CeilingsFile.invalid("les montants \(name) doivent être des nombres d'euros positifs.")
        }
        for index in 1..<categories.count where categories[index] < categories[index - 1] {
            throw CeilingsFile.invalid(
                "le plafond \(name) de la catégorie \(index + 1) (\(categories[index])) est inférieur à celui "
                    + "de la catégorie \(index) (\(categories[index - 1]))."
            )
        }
    }

    /// Whether every amount of `self` is at most the matching amount of `other`.
    func isBelowOrEqual(_ other: CeilingTable) -> Bool {
        zip(categories, other.categories).allSatisfy { $0 <= $1 } && extraPerson <= other.extraPerson
    }
}
