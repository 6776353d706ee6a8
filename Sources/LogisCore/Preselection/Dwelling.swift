/// A vacant dwelling to pre-select candidates for (DOMAIN.md §8).
public struct Dwelling: Sendable, Equatable, Codable {
    public let reference: String
    /// INSEE code (or name) of the commune; compared with the candidates' wished communes.
    public let commune: String
    public let typology: Typology
    public let financing: Financing
    /// Rent + charges, euros per month.
    public let monthlyRent: Int
    public let accessibility: DwellingAccessibility
    public let reservataire: Reservataire

    public init(
        reference: String, commune: String, typology: Typology, financing: Financing, monthlyRent: Int,
        accessibility: DwellingAccessibility = .none, reservataire: Reservataire = .bailleur
    ) {
        self.reference = reference
        self.commune = commune
        self.typology = typology
        self.financing = financing
        self.monthlyRent = monthlyRent
        self.accessibility = accessibility
        self.reservataire = reservataire
    }
}

/// How accessible a dwelling is, from least to most.
public enum DwellingAccessibility: Int, Sendable, Codable, Comparable {
    /// Upper floor without elevator.
    case none = 0
    /// Ground floor or served by an elevator.
    case reachableWithoutStairs = 1
    /// Adapted to a wheelchair user (PMR).
    case wheelchairAdapted = 2

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A candidate's accessibility need (Cerfa section 8–9), met by a dwelling at least as accessible.
public enum AccessibilityNeed: Int, Sendable, Codable, CaseIterable {
    case none = 0
    case noStairs = 1
    case wheelchair = 2

    public func isMet(by accessibility: DwellingAccessibility) -> Bool {
        accessibility.rawValue >= rawValue
    }
}

/// Who holds the reservation right on a dwelling (DOMAIN.md §11).
public enum Reservataire: String, Sendable, Codable, CaseIterable {
    case etat
    case commune
    case epci
    case actionLogement = "action_logement"
    case departement
    case bailleur
}
