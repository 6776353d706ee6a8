/// The typologies suited to a household.
///
/// Seed 003 ("Pour quel type de logement ?"): personne seule → T1/T2; couple → T2; famille avec
/// 1 ou 2 enfants → T3/T4; famille avec 3 enfants et plus → T4/T5/T6. A single parent with
/// children is a famille. Our readings for the compositions the seed does not show (adults
/// beyond the parent or the couple) are in docs/rules/typology.md.
public struct TypologyAdvice: Sendable, Equatable, Encodable {
    public let minimum: Typology
    public let maximum: Typology
    /// The rule applied, in French.
    public let reason: String
    /// `seed` when the seed's table gives it, `reading` when it is our reading.
    public let basis: Basis

    public enum Basis: String, Sendable, Codable {
        case seed
        case reading
    }

    public var typologies: [Typology] {
        Typology.allCases.filter { (minimum...maximum).contains($0) }
    }

    public init(for household: HouseholdComposition) {
        let range = Self.range(for: household)
        minimum = range.lowerBound
        maximum = range.upperBound
        let children = household.children
        var reason: String
        var basis = Basis.seed
        switch (household.couple, children) {
        case (false, 0): reason = "personne seule"
        case (true, 0): reason = "couple"
        case (_, 1...2): reason = "famille avec " + FrenchFormat.count(children, "enfant", "enfants")
        default: reason = "famille avec 3 enfants et plus"
        }
        if household.otherAdults > 0 {
            reason +=
                ", plus " + FrenchFormat.count(household.otherAdults, "autre adulte", "autres adultes")
                + " (une pièce de plus par adulte)"
            basis = .reading
        }
        self.reason = reason
        self.basis = basis
    }

    /// The advised typologies without the explanation (the pre-selection's hot path).
    public static func range(for household: HouseholdComposition) -> ClosedRange<Typology> {
        let base: ClosedRange<Typology> =
            switch (household.couple, household.children) {
            case (false, 0): .t1 ... .t2
            case (true, 0): .t2 ... .t2
            // Seed 003: « famille avec 1 ou 2 enfants → T3/T4 », a parent alone included.
            case (_, 1...2): .t3 ... .t4
            // Seed 003 writes "plus de 3 enfants"; we read it as 3 or more (DOMAIN.md §4).
            default: .t4 ... .t6
            }
        // Reading: each adult beyond the parent or the couple needs one more room.
        let shift = household.otherAdults
        guard shift > 0 else { return base }
        return Typology.clamped(base.lowerBound.rawValue + shift)...Typology.clamped(base.upperBound.rawValue + shift)
    }

    /// Whether a dwelling of `typology` is too small, adapted or too large for a household.
    public static func occupancy(of typology: Typology, for household: HouseholdComposition) -> Occupancy {
        let range = range(for: household)
        if typology < range.lowerBound { return .overOccupied }
        if typology > range.upperBound { return .underOccupied }
        return .adapted
    }

    /// Whether a dwelling of `typology` is too small, adapted or too large for this advice.
    public func occupancy(of typology: Typology) -> Occupancy {
        if typology < minimum { return .overOccupied }
        if typology > maximum { return .underOccupied }
        return .adapted
    }
}

/// A household in a dwelling: too many people for its rooms, adapted, or too few.
public enum Occupancy: String, Sendable, Codable {
    case overOccupied = "over_occupied"
    case adapted
    case underOccupied = "under_occupied"

    public var label: String {
        switch self {
        case .overOccupied: "sur-occupation : logement trop petit pour le ménage"
        case .adapted: "logement adapté à la composition du ménage"
        case .underOccupied: "sous-occupation : logement plus grand que nécessaire"
        }
    }
}
