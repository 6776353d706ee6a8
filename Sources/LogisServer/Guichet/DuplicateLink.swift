import Fluent
import Vapor

/// Linking a paper entry to the person's existing request (issue 13 §3): where the entry says
/// something else than the request (income, wishes, employer…), both are shown side by side and
/// the agent chooses, section by section, which one the request keeps. Nothing typed is dropped
/// without that choice.
enum DuplicateLink {
    /// The two choices of a section, as posted by the comparison page (`choix_<section>`).
    enum Choice: String {
        case existing = "existante"
        case typed = "saisie"
    }

    struct Difference: Encodable {
        let slug: String
        let title: String
        let existing: [RequestSummary.Row]
        let typed: [RequestSummary.Row]
        /// What the agent chose, when the page comes back with an error.
        let chosen: String?
    }

    static func field(_ step: WizardStep) -> String { "choix_\(step.rawValue)" }

    /// The sections the entry answered differently from the existing request.
    static func differingSteps(entry: RequestForm, existing: RequestForm) -> [WizardStep] {
        WizardStep.allCases.filter { step in
            step.isAnswered(in: entry) && step.values(of: entry) != step.values(of: existing)
        }
    }

    static func differences(
        entry: RequestForm, existing: RequestForm, communes: CommuneList, choices: [String: String], year: Int
    ) -> [Difference] {
        let typed = RequestSummary(form: entry, communes: communes, year: year, atDesk: true).sections
        let kept = RequestSummary(form: existing, communes: communes, year: year, atDesk: true).sections
        return differingSteps(entry: entry, existing: existing).map { step in
            Difference(
                slug: step.rawValue, title: step.title,
                existing: kept.first { $0.slug == step.rawValue }?.rows ?? [],
                typed: typed.first { $0.slug == step.rawValue }?.rows ?? [], chosen: choices[field(step)])
        }
    }

    /// The existing request's form with the sections the agent chose from the entry, and those
    /// sections; nil while a differing section has no choice.
    static func merged(
        entry: RequestForm, existing: RequestForm, choices: [String: String]
    ) -> (form: RequestForm, taken: [WizardStep])? {
        var form = existing
        var taken: [WizardStep] = []
        for step in differingSteps(entry: entry, existing: existing) {
            switch choices[field(step)].flatMap(Choice.init(rawValue:)) {
            case .none: return nil
            case .existing: continue
            case .typed:
                form.take(step, from: entry)
                taken.append(step)
            }
        }
        return (form, taken)
    }
}

extension RequestForm {
    /// Replaces the section of `step` with that of `other`.
    mutating func take(_ step: WizardStep, from other: RequestForm) {
        switch step {
        case .demandeur: applicant = other.applicant
        case .coDemandeur: coApplicant = other.coApplicant
        case .personnes: dependents = other.dependents
        case .situationProfessionnelle: employment = other.employment
        case .ressources: resources = other.resources
        case .logementActuel: housing = other.housing
        case .motifs: reasons = other.reasons
        case .logementRecherche: wishes = other.wishes
        case .handicapDalo: situation = other.situation
        }
    }
}
