/// The household as the ceilings see it: everyone who will live in the dwelling.
///
/// Seed 003 / arrêté du 29 juillet 1987: the category depends on the number of persons, the
/// persons fiscally dependent ("personnes à charge"), whether the couple is a "jeune ménage",
/// and the persons with a disability.
public struct Household: Sendable, Equatable, Codable {
    /// Everyone who will live in the dwelling, dependants included (at least 1).
    public let persons: Int
    /// Persons fiscally dependent ("personnes à charge"), children or others.
    public let dependents: Int
    /// The ages in full years of the two members of the couple, when the household is a couple.
    public let coupleAges: CoupleAges?
    /// Persons of the household with a disability (carte d'invalidité, CDAPH decision…).
    public let disabledPersons: Int

    /// Beyond this, a household description is surely a typing error.
    public static let maximumPersons = 30

    public init(
        persons: Int, dependents: Int = 0, coupleAges: CoupleAges? = nil, disabledPersons: Int = 0
    ) throws(RuleError) {
        guard (1...Self.maximumPersons).contains(persons) else {
            throw RuleError(
                code: "invalid_household",
                message: "Le ménage doit compter entre 1 et \(Self.maximumPersons) personnes (reçu : \(persons))."
            )
        }
        guard dependents >= 0, dependents < persons else {
            throw RuleError(
                code: "invalid_household",
                message: "Le nombre de personnes à charge (\(dependents)) doit être inférieur au nombre de "
                    + "personnes du ménage (\(persons)) : au moins une personne n'est pas à charge."
            )
        }
        if coupleAges != nil, persons - dependents < 2 {
            throw RuleError(
                code: "invalid_household",
                message: "Un couple compte au moins deux personnes qui ne sont pas à charge "
                    + "(ménage de \(persons) personnes dont \(dependents) à charge)."
            )
        }
        guard (0...persons).contains(disabledPersons) else {
            throw RuleError(
                code: "invalid_household",
                message: "Le nombre de personnes en situation de handicap (\(disabledPersons)) doit être "
                    + "compris entre 0 et le nombre de personnes du ménage (\(persons))."
            )
        }
        self.persons = persons
        self.dependents = dependents
        self.coupleAges = coupleAges
        self.disabledPersons = disabledPersons
    }

    /// Persons who are not dependants (the adults who file the request).
    public var independentPersons: Int { persons - dependents }
}

/// The ages, in full years, of the two members of a couple.
public struct CoupleAges: Sendable, Equatable, Codable {
    public let first: Int
    public let second: Int

    public init(_ first: Int, _ second: Int) throws(RuleError) {
        guard (0...130).contains(first), (0...130).contains(second) else {
            throw RuleError(
                code: "invalid_household",
                message: "Les âges du couple doivent être compris entre 0 et 130 ans (reçu : \(first), \(second))."
            )
        }
        self.first = first
        self.second = second
    }

    public var sum: Int { first + second }
}
