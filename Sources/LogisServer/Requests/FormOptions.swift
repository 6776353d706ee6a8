import LogisCore

/// The choices offered in the wizard's lists, with their French labels.
struct FormChoice: Encodable, Sendable {
    let code: String
    let label: String
}

enum FormOptions {
    static let nationalities = [
        FormChoice(code: "fr", label: "Française"),
        FormChoice(code: "eu", label: "Union européenne, EEE ou Suisse"),
        FormChoice(code: "other", label: "Autre nationalité (titre de séjour)"),
    ]

    static let maritalStatuses = [
        FormChoice(code: "celibataire", label: "Célibataire"), FormChoice(code: "marie", label: "Marié(e)"),
        FormChoice(code: "pacse", label: "Pacsé(e)"), FormChoice(code: "concubinage", label: "En concubinage"),
        FormChoice(code: "divorce", label: "Divorcé(e)"),
        FormChoice(code: "separation", label: "En instance de séparation"),
        FormChoice(code: "rupture_pacs", label: "PACS rompu"), FormChoice(code: "veuf", label: "Veuf ou veuve"),
    ]

    static let relationships = [
        FormChoice(code: "conjoint", label: "Conjoint(e) marié(e)"),
        FormChoice(code: "pacs", label: "Partenaire de PACS"),
        FormChoice(code: "concubin", label: "Concubin(e)"),
    ]

    static let dependentRelationships = [
        FormChoice(code: "enfant", label: "Enfant"), FormChoice(code: "autre", label: "Autre personne à charge"),
    ]

    static let professionalSituations = [
        FormChoice(code: "cdi", label: "CDI"), FormChoice(code: "cdd", label: "CDD"),
        FormChoice(code: "interim", label: "Intérim"),
        FormChoice(code: "apprenti", label: "Apprenti(e)"), FormChoice(code: "etudiant", label: "Étudiant(e)"),
        FormChoice(code: "chomage", label: "Demandeur d’emploi"),
        FormChoice(code: "reprise_activite", label: "Reprise d’activité après chômage"),
        FormChoice(code: "retraite", label: "Retraité(e)"),
        FormChoice(code: "invalidite", label: "Pension d’invalidité"),
        FormChoice(code: "non_salarie", label: "Non salarié(e), indépendant(e)"),
        FormChoice(code: "assistant_maternel", label: "Assistant(e) maternel(le) ou familial(e)"),
        FormChoice(code: "sans_emploi", label: "Sans emploi"), FormChoice(code: "autre", label: "Autre"),
    ]

    static var housingStatuses: [FormChoice] {
        HousingStatus.allCases.map { FormChoice(code: $0.code, label: $0.label) }
    }
    static var motifs: [FormChoice] { Motif.allCases.map { FormChoice(code: $0.code, label: $0.label) } }
    static let typologies = ["T1", "T2", "T3", "T4", "T5", "T6"]

    static func label(of code: String, in options: [FormChoice]) -> String {
        options.first { $0.code == code }?.label ?? code
    }
}
