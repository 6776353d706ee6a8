import LogisCore
import Vapor

/// Everything a wizard page shows: the step, its saved or typed values, and the messages.
struct WizardPage: Encodable {
    struct StepLink: Encodable {
        let slug: String
        let title: String
        let number: Int
        let current: Bool
        let done: Bool
    }

    struct Choice: Encodable {
        let code: String
        let label: String
        let checked: Bool
    }

    struct Select: Encodable {
        let name: String
        let label: String
        let selected: String
        let error: String?
    }

    struct DependentRow: Encodable {
        let index: Int
        let firstName: String
        let birthDate: String
        let relationship: String
        let sharedCustody: Bool
        let errors: [String: String]
    }

    let layout: LayoutContext
    /// Where the wizard lives: `/demande` for the applicant, `/guichet/demandes/{id}/saisie` at a desk.
    let base: String
    let slug: String
    let number: Int
    let total: Int
    let title: String
    let previous: String?
    let isUpdate: Bool
    let steps: [StepLink]
    let values: [String: String]
    let errors: [String: String]
    let errorList: [ErrorLink]
    let nationalities = FormOptions.nationalities
    let maritalStatuses = FormOptions.maritalStatuses
    let relationships = FormOptions.relationships
    let dependentRelationships = FormOptions.dependentRelationships
    let professionalSituations = FormOptions.professionalSituations
    let housingStatuses = FormOptions.housingStatuses
    let motifs = FormOptions.motifs
    let communes: [CommuneOption]
    let typologyChoices: [Choice]
    let communeSelects: [Select]
    let motifSelects: [Select]
    let dependentRows: [DependentRow]
    let hasCoApplicant: Bool
    /// An agent types a paper form: the page speaks of « le demandeur », not to « vous ».
    let atDesk: Bool
    /// The tax years people read instead of « N-2 » and « N-1 ».
    let taxYear: Int
    let previousTaxYear: Int

    init(
        step: WizardStep, form: RequestForm, values: [String: String], errors: [String: String], communes: CommuneList,
        isUpdate: Bool, layout: LayoutContext, today: CalendarDate, base: String = "/demande",
        fieldOrder: [String] = []
    ) {
        self.layout = layout
        self.base = base
        slug = step.rawValue
        number = step.number
        total = WizardStep.allCases.count
        atDesk = base != "/demande"
        title = step.title(atDesk: atDesk)
        previous = step.previous?.rawValue
        self.isUpdate = isUpdate
        steps = WizardStep.allCases.map {
            StepLink(
                slug: $0.rawValue, title: $0.title(atDesk: base != "/demande"), number: $0.number, current: $0 == step,
                done: $0.isAnswered(in: form))
        }
        self.values = values
        self.errors = errors
        errorList = Self.errorLinks(errors, fieldOrder: fieldOrder)
        self.communes = communes.entries.map { CommuneOption(code: $0.code, label: $0.label) }
        typologyChoices = FormOptions.typologies.map {
            Choice(code: $0, label: $0, checked: values["typology_\($0)"] == "on")
        }
        communeSelects = (1...3).map {
            Select(
                name: "commune\($0)",
                label: $0 == 1 ? "Commune souhaitée n° 1" : "Commune souhaitée n° \($0) (facultatif)",
                selected: values["commune\($0)"] ?? "", error: errors["commune\($0)"])
        }
        motifSelects = (1...3).map {
            Select(
                name: "motif\($0)", label: $0 == 1 ? "Motif principal" : "Motif n° \($0) (facultatif)",
                selected: values["motif\($0)"] ?? "", error: errors["motif\($0)"])
        }
        dependentRows = (1...WizardStep.maxDependents).map { index in
            let prefix = "p\(index)_"
            var rowErrors: [String: String] = [:]
            for key in ["firstName", "birthDate", "relationship"] { rowErrors[key] = errors[prefix + key] }
            return DependentRow(
                index: index, firstName: values[prefix + "firstName"] ?? "",
                birthDate: values[prefix + "birthDate"] ?? "",
                relationship: values[prefix + "relationship"] ?? "",
                sharedCustody: values[prefix + "sharedCustody"] == "on",
                errors: rowErrors)
        }
        hasCoApplicant = form.coApplicant?.present == true
        taxYear = today.year - 2
        previousTaxYear = today.year - 1
    }
}

/// A commune in the wishes step's lists: its INSEE code is the value sent, its label what is read.
struct CommuneOption: Encodable {
    let code: String
    let label: String
}
