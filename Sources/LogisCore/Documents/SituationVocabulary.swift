/// The role of a person in the request (Cerfa sections 1–3).
public enum PersonRole: String, Sendable, Codable, CaseIterable {
    case demandeur
    case coDemandeur = "co_demandeur"
    case enfant
    /// Another person living in the household (ascendant, adult child, other dependant).
    case autre
}

/// Cerfa section 1: nationality, which decides whether a titre de séjour is required.
public enum Nationality: String, Sendable, Codable, CaseIterable {
    case france = "fr"
    /// EU, EEA or Swiss citizen: no titre de séjour required.
    case europeanUnion = "eu"
    case other
}

public enum MaritalStatus: String, Sendable, Codable, CaseIterable {
    case celibataire
    case marie
    case pacse
    case concubinage
    case divorce
    /// Instance de divorce ou de séparation.
    case separation
    case rupturePacs = "rupture_pacs"
    case veuf
}

/// Cerfa section 4: professional situation of an adult.
public enum ProfessionalSituation: String, Sendable, Codable, CaseIterable {
    case cdi, cdd, interim, apprenti, etudiant, chomage
    case repriseActivite = "reprise_activite"
    case retraite, invalidite
    case nonSalarie = "non_salarie"
    case assistantMaternel = "assistant_maternel"
    case sansEmploi = "sans_emploi"
    case autre

    var isSalaried: Bool {
        switch self {
        case .cdi, .cdd, .interim, .apprenti, .assistantMaternel: true
        default: false
        }
    }
}

/// How a person proves their income of year N-2 (seed 003, "Situation économique").
public enum IncomeEvidence: String, Sendable, Codable, CaseIterable {
    /// Avis d'imposition N-2 (the general case).
    case avisImposition = "avis_imposition"
    /// Tax resident abroad in N-2: attestation fiscale of that country, translated.
    case foreignTaxResidence = "foreign_tax_residence"
    /// Refugee or under protection: all income since arrival or over the last 12 months.
    case refugeeOrProtected = "refugee_or_protected"
    /// Young adult still on the parents' tax household: the parents' income of N-2.
    case parentsTaxHousehold = "parents_tax_household"
}
