import LogisCore

/// Answers of two pages that cannot both be true (docs/rules/coherence.md). Each page checks its
/// own fields; these rules need the answers of two pages, so they run where both are known: when
/// either page is saved, on the summary and again at registration.
enum RequestCoherence {
    /// One contradiction and the fields, page by page, where it is shown. A rule names only the
    /// pages whose change should be refused: removing a co-applicant is not refused because the
    /// resources page still gives their income, that page is flagged instead.
    struct Problem: Equatable, Sendable {
        let message: String
        let fields: [WizardStep: String]

        /// The page to correct first: the later one, where the second answer was given.
        var step: WizardStep { fields.keys.max { $0.number < $1.number } ?? .demandeur }
        var field: String { fields[step] ?? "" }
    }

    static func problems(in form: RequestForm) -> [Problem] {
        coupleBond(form) + childrenOlderThanParents(form) + coApplicantIncomeWithoutCoApplicant(form)
            + disabledPersonsOverHousehold(form)
    }

    /// The messages to show on `step`'s fields after saving it.
    static func errors(at step: WizardStep, in form: RequestForm) -> [String: String] {
        var errors: [String: String] = [:]
        for problem in problems(in: form) {
            guard let field = problem.fields[step], errors[field] == nil else { continue }
            errors[field] = problem.message
        }
        return errors
    }

    /// The marital status (page 1) and the co-applicant's bond (page 2) name the same union.
    private static func coupleBond(_ form: RequestForm) -> [Problem] {
        guard let applicant = form.applicant, let co = form.coApplicant, co.present else { return [] }
        let expected: (status: String, words: String)? =
            switch co.relationship {
            case "conjoint": ("marie", "marié(e)")
            case "pacs": ("pacse", "pacsé(e)")
            default: nil
            }
        guard let expected, applicant.maritalStatus != expected.status else { return [] }
        let stated = FormOptions.label(of: applicant.maritalStatus, in: FormOptions.maritalStatuses).lowercased()
        return [
            Problem(
                message:
                    "Vous vous dites « \(stated) » mais votre co-demandeur est indiqué comme \(expected.words) avec "
                    + "vous : corrigez votre situation familiale (étape 1) ou le lien avec le co-demandeur (étape 2).",
                fields: [.demandeur: "maritalStatus", .coDemandeur: "relationship"])
        ]
    }

    /// A child is younger than at least one adult of the couple (a co-applicant's child may be
    /// older than the applicant, never older than both).
    private static func childrenOlderThanParents(_ form: RequestForm) -> [Problem] {
        guard let applicant = form.applicant, let applicantBirth = try? CalendarDate(iso: applicant.birthDate),
            let dependents = form.dependents
        else { return [] }
        let co = form.coApplicant.flatMap { $0.present ? try? CalendarDate(iso: $0.birthDate) : nil }
        let eldest = min(applicantBirth, co ?? applicantBirth)
        var problems: [Problem] = []
        for (offset, person) in dependents.people.enumerated() where person.relationship == "enfant" {
            guard let birth = try? CalendarDate(iso: person.birthDate), birth <= eldest else { continue }
            let who = co == nil ? "vous" : "vous et votre co-demandeur"
            var fields: [WizardStep: String] = [.demandeur: "birthDate", .personnes: "p\(offset + 1)_birthDate"]
            if co != nil { fields[.coDemandeur] = "birthDate" }
            problems.append(
                Problem(
                    message:
                        "\(person.firstName) est indiqué(e) comme votre enfant mais serait né(e) avant \(who) : "
                        + "vérifiez les dates de naissance.",
                    fields: fields))
        }
        return problems
    }

    /// Income of a co-applicant the household no longer declares (removed after page 5 was filled).
    private static func coApplicantIncomeWithoutCoApplicant(_ form: RequestForm) -> [Problem] {
        guard let co = form.coApplicant, !co.present, let resources = form.resources,
            resources.coApplicantMonthlyIncome > 0
        else { return [] }
        return [
            Problem(
                message:
                    "Vous ne déclarez pas de co-demandeur (étape 2) mais ses revenus comptent dans vos ressources : "
                    + "enregistrez de nouveau l’étape 5 ou ajoutez votre co-demandeur.",
                fields: [.ressources: "coApplicantMonthlyIncome"])
        ]
    }

    /// Page 9 counts people among those of pages 1 to 3.
    private static func disabledPersonsOverHousehold(_ form: RequestForm) -> [Problem] {
        guard let situation = form.situation, situation.disabledPersons > form.householdPersons else { return [] }
        return [
            Problem(
                message: "Ce nombre dépasse celui des personnes du foyer (\(form.householdPersons)).",
                fields: [.handicapDalo: "disabledPersons"])
        ]
    }
}
