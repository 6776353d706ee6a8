/// The wizard follows the sections of the Cerfa 14069*05, one page each, then a summary.
enum WizardStep: String, CaseIterable, Sendable {
    case demandeur
    case coDemandeur = "co-demandeur"
    case personnes
    case situationProfessionnelle = "situation-professionnelle"
    case ressources
    case logementActuel = "logement-actuel"
    case motifs
    case logementRecherche = "logement-recherche"
    case handicapDalo = "handicap-dalo"

    var title: String {
        switch self {
        case .demandeur: "Vous, le demandeur"
        case .coDemandeur: "Votre conjoint ou co-demandeur"
        case .personnes: "Les personnes qui vivront avec vous"
        case .situationProfessionnelle: "Situation professionnelle"
        case .ressources: "Vos ressources"
        case .logementActuel: "Votre logement actuel"
        case .motifs: "Les motifs de votre demande"
        case .logementRecherche: "Le logement recherché"
        case .handicapDalo: "Handicap et DALO"
        }
    }

    /// The same step named for an agent typing a paper form: it speaks of the applicant, not to them.
    var deskTitle: String {
        switch self {
        case .demandeur: "Le demandeur"
        case .coDemandeur: "Son conjoint ou co-demandeur"
        case .personnes: "Les personnes qui vivront avec le demandeur"
        case .situationProfessionnelle: "Situation professionnelle"
        case .ressources: "Les ressources du foyer"
        case .logementActuel: "Son logement actuel"
        case .motifs: "Les motifs de la demande"
        case .logementRecherche: "Le logement recherché"
        case .handicapDalo: "Handicap et DALO"
        }
    }

    func title(atDesk: Bool) -> String { atDesk ? deskTitle : title }

    var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
    var next: WizardStep? { Self.allCases.first { $0.number == number + 1 } }
    var previous: WizardStep? { Self.allCases.first { $0.number == number - 1 } }
    var template: String { "requests/steps/\(rawValue)" }

    /// The first step the draft has not answered yet, or nil when every section is filled.
    static func firstMissing(in form: RequestForm) -> WizardStep? {
        allCases.first { !$0.isAnswered(in: form) }
    }

    func isAnswered(in form: RequestForm) -> Bool {
        switch self {
        case .demandeur: form.applicant != nil
        case .coDemandeur: form.coApplicant != nil
        case .personnes: form.dependents != nil
        case .situationProfessionnelle: form.employment != nil
        case .ressources: form.resources != nil
        case .logementActuel: form.housing != nil
        case .motifs: form.reasons != nil
        case .logementRecherche: form.wishes != nil
        case .handicapDalo: form.situation != nil
        }
    }
}
