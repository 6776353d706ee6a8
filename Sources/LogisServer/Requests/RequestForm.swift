import LogisCore

/// The answers of the Cerfa 14069*05, one optional value per section (DOMAIN.md §3), so that a
/// draft can be saved after each step and resumed on another device.
struct RequestForm: Codable, Sendable, Equatable {
    var applicant: ApplicantSection?
    var coApplicant: CoApplicantSection?
    var dependents: DependentsSection?
    var employment: EmploymentSection?
    var resources: ResourcesSection?
    var housing: CurrentHousingSection?
    var reasons: ReasonsSection?
    var wishes: WishesSection?
    var situation: SituationSection?

    /// Persons who will live in the dwelling.
    var householdPersons: Int {
        1 + (coApplicant?.present == true ? 1 : 0) + (dependents?.people.count ?? 0)
    }
}

/// Section 1: the applicant.
struct ApplicantSection: Codable, Sendable, Equatable {
    var lastName: String
    var birthName: String
    var firstName: String
    var birthDate: String
    /// `fr`, `eu` or `other` (LogisCore `Nationality`).
    var nationality: String
    var residencePermit: String
    var maritalStatus: String
    var phone: String
    var email: String
    var street: String
    var postalCode: String
    var city: String
}

/// Section 2: spouse, PACS partner or concubin.
struct CoApplicantSection: Codable, Sendable, Equatable {
    var present: Bool
    var lastName: String
    var firstName: String
    var birthDate: String
    var nationality: String
    var relationship: String
}

/// Section 3: persons fiscally dependent or living in the household.
struct DependentsSection: Codable, Sendable, Equatable {
    struct Person: Codable, Sendable, Equatable {
        var firstName: String
        var birthDate: String
        /// `enfant` or `autre`.
        var relationship: String
        var sharedCustody: Bool
    }

    var people: [Person]
    var expectingChild: Bool
}

/// Section 4: professional situation of each adult.
struct EmploymentSection: Codable, Sendable, Equatable {
    var applicantSituation: String
    var applicantEmployer: String
    var coApplicantSituation: String
    /// Private employer with 10 or more staff: Action Logement may help (DOMAIN.md §11).
    var privateEmployerTenPlus: Bool
}

/// Section 5: monthly income and the household's revenu fiscal de référence of year N-2, and the
/// kinds of income whose proof the checklist asks (CAF/MSA benefits, alimony, daily allowances,
/// income taxed abroad), for the applicant and the co-applicant.
struct ResourcesSection: Codable, Sendable, Equatable {
    var applicantMonthlyIncome: Int
    var coApplicantMonthlyIncome: Int
    var otherMonthlyIncome: Int
    var taxIncomeN2: Int
    var socialBenefits: Bool = false
    var applicantAlimony: Bool = false
    var applicantDailyAllowances: Bool = false
    var applicantForeignIncome: Bool = false
    var coApplicantAlimony: Bool = false
    var coApplicantDailyAllowances: Bool = false
    var coApplicantForeignIncome: Bool = false
    /// The household asks that its lower income of last year (N-1) be retained.
    var useIncomeN1: Bool = false
    var taxIncomeN1: Int = 0

    var monthlyTotal: Int { applicantMonthlyIncome + coApplicantMonthlyIncome + otherMonthlyIncome }

    init(
        applicantMonthlyIncome: Int, coApplicantMonthlyIncome: Int, otherMonthlyIncome: Int, taxIncomeN2: Int,
        socialBenefits: Bool = false, applicantAlimony: Bool = false, applicantDailyAllowances: Bool = false,
        applicantForeignIncome: Bool = false, coApplicantAlimony: Bool = false,
        coApplicantDailyAllowances: Bool = false, coApplicantForeignIncome: Bool = false, useIncomeN1: Bool = false,
        taxIncomeN1: Int = 0
    ) {
        self.applicantMonthlyIncome = applicantMonthlyIncome
        self.coApplicantMonthlyIncome = coApplicantMonthlyIncome
        self.otherMonthlyIncome = otherMonthlyIncome
        self.taxIncomeN2 = taxIncomeN2
        self.socialBenefits = socialBenefits
        self.applicantAlimony = applicantAlimony
        self.applicantDailyAllowances = applicantDailyAllowances
        self.applicantForeignIncome = applicantForeignIncome
        self.coApplicantAlimony = coApplicantAlimony
        self.coApplicantDailyAllowances = coApplicantDailyAllowances
        self.coApplicantForeignIncome = coApplicantForeignIncome
        self.useIncomeN1 = useIncomeN1
        self.taxIncomeN1 = taxIncomeN1
    }

    /// The revenu fiscal de référence the ceilings are compared with (`RetainedIncome`).
    var retainedIncome: (income: Int, year: RetainedIncome.Year) {
        RetainedIncome.retained(n2: taxIncomeN2, n1: useIncomeN1 ? taxIncomeN1 : nil)
    }

    /// Requests saved before these questions existed read them as « no ».
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func flag(_ key: CodingKeys) throws -> Bool { try container.decodeIfPresent(Bool.self, forKey: key) ?? false }
        self.init(
            applicantMonthlyIncome: try container.decode(Int.self, forKey: .applicantMonthlyIncome),
            coApplicantMonthlyIncome: try container.decode(Int.self, forKey: .coApplicantMonthlyIncome),
            otherMonthlyIncome: try container.decode(Int.self, forKey: .otherMonthlyIncome),
            taxIncomeN2: try container.decode(Int.self, forKey: .taxIncomeN2),
            socialBenefits: try flag(.socialBenefits), applicantAlimony: try flag(.applicantAlimony),
            applicantDailyAllowances: try flag(.applicantDailyAllowances),
            applicantForeignIncome: try flag(.applicantForeignIncome),
            coApplicantAlimony: try flag(.coApplicantAlimony),
            coApplicantDailyAllowances: try flag(.coApplicantDailyAllowances),
            coApplicantForeignIncome: try flag(.coApplicantForeignIncome), useIncomeN1: try flag(.useIncomeN1),
            taxIncomeN1: try container.decodeIfPresent(Int.self, forKey: .taxIncomeN1) ?? 0)
    }
}

/// Section 6: where the household lives now.
struct CurrentHousingSection: Codable, Sendable, Equatable {
    /// LogisCore `HousingStatus` code.
    var status: String
    var monthlyRent: Int
    var surface: Int
    var since: String
}

/// Section 7: up to three reasons, in order (LogisCore `Motif` codes).
struct ReasonsSection: Codable, Sendable, Equatable {
    var motifs: [String]
}

/// Section 8: the dwelling sought.
struct WishesSection: Codable, Sendable, Equatable {
    var typologies: [String]
    /// The wished communes by their code officiel géographique (INSEE), in order of preference; at
    /// least one. A name is not an identity: France has dozens of « Saint-Martin ».
    var communeCodes: [String]
    var wheelchairAccess: Bool
    var elevatorNeeded: Bool
    var maxRent: Int
    var parking: Bool
    /// Forms saved before M0023 named the communes; the migration reads these names into
    /// `communeCodes`. Empty for every form written since. Written back as they were read, so that
    /// saving a form the migration has not reached yet loses nothing.
    var legacyCommuneNames: [String] = []

    init(
        typologies: [String], communeCodes: [String], wheelchairAccess: Bool, elevatorNeeded: Bool, maxRent: Int,
        parking: Bool
    ) {
        self.typologies = typologies
        self.communeCodes = communeCodes
        self.wheelchairAccess = wheelchairAccess
        self.elevatorNeeded = elevatorNeeded
        self.maxRent = maxRent
        self.parking = parking
    }

    private enum CodingKeys: String, CodingKey {
        case typologies, communeCodes, wheelchairAccess, elevatorNeeded, maxRent, parking
        case legacyCommunes = "communes"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        typologies = try container.decode([String].self, forKey: .typologies)
        wheelchairAccess = try container.decode(Bool.self, forKey: .wheelchairAccess)
        elevatorNeeded = try container.decode(Bool.self, forKey: .elevatorNeeded)
        maxRent = try container.decode(Int.self, forKey: .maxRent)
        parking = try container.decode(Bool.self, forKey: .parking)
        let legacy = try container.decodeIfPresent([String].self, forKey: .legacyCommunes)
        // A section without either key is damaged, not « no commune ».
        communeCodes =
            try legacy == nil
            ? container.decode([String].self, forKey: .communeCodes)
            : container.decodeIfPresent([String].self, forKey: .communeCodes) ?? []
        legacyCommuneNames = legacy ?? []
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typologies, forKey: .typologies)
        try container.encode(communeCodes, forKey: .communeCodes)
        try container.encode(wheelchairAccess, forKey: .wheelchairAccess)
        try container.encode(elevatorNeeded, forKey: .elevatorNeeded)
        try container.encode(maxRent, forKey: .maxRent)
        try container.encode(parking, forKey: .parking)
        if !legacyCommuneNames.isEmpty { try container.encode(legacyCommuneNames, forKey: .legacyCommunes) }
    }
}

/// Section 9: handicap, loss of autonomy, DALO.
struct SituationSection: Codable, Sendable, Equatable {
    var disabledPersons: Int
    var hasDaloDecision: Bool
    var violence: Bool
    var formerASE: Bool
}
