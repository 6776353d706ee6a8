/// What the checklist needs to know about a request (Cerfa 14069*05 sections 1–9).
public struct RequestSituation: Sendable, Equatable, Codable {
    /// Everyone to be housed; `checklist` pieces carry their index in this array.
    public var persons: [PersonSituation]
    public var maritalStatus: MaritalStatus
    public var housingStatus: HousingStatus
    /// Cerfa section 7, in order.
    public var motifs: [Motif]
    /// Victim of domestic or family violence (also implied by the motif).
    public var violence: Bool
    /// A birth is expected (Cerfa section 3).
    public var pregnancy: Bool
    /// The household receives CAF or MSA benefits.
    public var socialBenefits: Bool
    /// The household asks that its income of last year (N-1), lower than N-2, be retained
    /// (DOMAIN.md §3): the checklist then asks the N-1 tax notice too.
    public var incomeOfLastYear: Bool = false

    public init(
        persons: [PersonSituation], maritalStatus: MaritalStatus = .celibataire,
        housingStatus: HousingStatus = .autre, motifs: [Motif] = [], violence: Bool = false,
        pregnancy: Bool = false, socialBenefits: Bool = false
    ) {
        self.persons = persons
        self.maritalStatus = maritalStatus
        self.housingStatus = housingStatus
        self.motifs = motifs
        self.violence = violence
        self.pregnancy = pregnancy
        self.socialBenefits = socialBenefits
    }

    private enum CodingKeys: String, CodingKey {
        case persons, maritalStatus, housingStatus, motifs, violence, pregnancy, socialBenefits, incomeOfLastYear
    }

    /// Only `persons` is required; every other field has the default of `init`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            persons: try container.decode([PersonSituation].self, forKey: .persons),
            maritalStatus: try container.decodeIfPresent(MaritalStatus.self, forKey: .maritalStatus) ?? .celibataire,
            housingStatus: try container.decodeIfPresent(HousingStatus.self, forKey: .housingStatus) ?? .autre,
            motifs: try container.decodeIfPresent([Motif].self, forKey: .motifs) ?? [],
            violence: try container.decodeIfPresent(Bool.self, forKey: .violence) ?? false,
            pregnancy: try container.decodeIfPresent(Bool.self, forKey: .pregnancy) ?? false,
            socialBenefits: try container.decodeIfPresent(Bool.self, forKey: .socialBenefits) ?? false
        )
        incomeOfLastYear = try container.decodeIfPresent(Bool.self, forKey: .incomeOfLastYear) ?? false
    }
}

/// One person to be housed.
public struct PersonSituation: Sendable, Equatable, Codable {
    public var role: PersonRole
    public var adult: Bool
    public var nationality: Nationality
    /// Adults only; `nil` for children.
    public var professionalSituation: ProfessionalSituation?
    public var disabled: Bool
    /// Mineur émancipé or adult under 21 taken in care by the ASE before majority (seed 003).
    public var formerASE: Bool
    /// Employee of a private firm contributing to Action Logement.
    public var actionLogement: Bool
    public var incomeEvidence: IncomeEvidence
    public var receivesAlimony: Bool
    public var receivesDailyAllowances: Bool

    public init(
        role: PersonRole, adult: Bool? = nil, nationality: Nationality = .france,
        professionalSituation: ProfessionalSituation? = nil, disabled: Bool = false, formerASE: Bool = false,
        actionLogement: Bool = false, incomeEvidence: IncomeEvidence = .avisImposition,
        receivesAlimony: Bool = false, receivesDailyAllowances: Bool = false
    ) {
        self.role = role
        self.adult = adult ?? (role == .demandeur || role == .coDemandeur)
        self.nationality = nationality
        self.professionalSituation = professionalSituation
        self.disabled = disabled
        self.formerASE = formerASE
        self.actionLogement = actionLogement
        self.incomeEvidence = incomeEvidence
        self.receivesAlimony = receivesAlimony
        self.receivesDailyAllowances = receivesDailyAllowances
    }

    private enum CodingKeys: String, CodingKey {
        case role, adult, nationality, professionalSituation, disabled, formerASE, actionLogement
        case incomeEvidence, receivesAlimony, receivesDailyAllowances
    }

    /// Only `role` is required; every other field has the default of `init`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func flag(_ key: CodingKeys) throws -> Bool { try container.decodeIfPresent(Bool.self, forKey: key) ?? false }
        self.init(
            role: try container.decode(PersonRole.self, forKey: .role),
            adult: try container.decodeIfPresent(Bool.self, forKey: .adult),
            nationality: try container.decodeIfPresent(Nationality.self, forKey: .nationality) ?? .france,
            professionalSituation: try container.decodeIfPresent(
                ProfessionalSituation.self, forKey: .professionalSituation),
            disabled: try flag(.disabled),
            formerASE: try flag(.formerASE),
            actionLogement: try flag(.actionLogement),
            incomeEvidence: try container.decodeIfPresent(IncomeEvidence.self, forKey: .incomeEvidence)
                ?? .avisImposition,
            receivesAlimony: try flag(.receivesAlimony),
            receivesDailyAllowances: try flag(.receivesDailyAllowances)
        )
    }
}
