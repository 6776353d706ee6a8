import LogisCore
import Vapor

/// The request read back in plain French, section by section (summary before submitting, and
/// "Ma demande" in the espace personnel).
struct RequestSummary: Encodable {
    struct Row: Encodable {
        let label: String
        let value: String
    }

    struct Section: Encodable {
        let slug: String
        let title: String
        let rows: [Row]
    }

    let sections: [Section]

    /// `communes` names the wished communes, which the form holds by INSEE code.
    /// `atDesk`: the sections are named for an agent (« Le demandeur »), not for the applicant (« Vous »).
    init(_ request: HousingRequest, communes: CommuneList, today: CalendarDate, atDesk: Bool = false) {
        self.init(
            form: request.form, communes: communes, year: request.declarationYear(today: today), atDesk: atDesk)
    }

    /// A form read in the year `year` (the tax years are named from it).
    init(form: RequestForm, communes: CommuneList, year: Int, atDesk: Bool = false) {
        sections = WizardStep.allCases.map { step in
            Section(
                slug: step.rawValue, title: step.title(atDesk: atDesk),
                rows: Self.rows(of: step, in: form, communes: communes, year: year))
        }
    }

    /// `year` is the year N of the declaration, from which the tax years N-2 and N-1 are named.
    private static func rows(of step: WizardStep, in form: RequestForm, communes: CommuneList, year: Int) -> [Row] {
        let label = FormOptions.label
        let yes = { (flag: Bool) in flag ? "oui" : "non" }
        switch step {
        case .demandeur:
            guard let a = form.applicant else { return [] }
            var rows = [Row(label: "Nom et prénom", value: "\(a.lastName) \(a.firstName)")]
            if !a.birthName.isEmpty { rows.append(Row(label: "Nom de naissance", value: a.birthName)) }
            rows += [
                Row(label: "Date de naissance", value: display(a.birthDate)),
                Row(label: "Nationalité", value: label(a.nationality, FormOptions.nationalities)),
            ]
            if !a.residencePermit.isEmpty { rows.append(Row(label: "Titre de séjour", value: a.residencePermit)) }
            return rows + [
                Row(label: "Situation familiale", value: label(a.maritalStatus, FormOptions.maritalStatuses)),
                Row(label: "Adresse", value: "\(a.street), \(a.postalCode) \(a.city)"),
                Row(label: "Téléphone", value: a.phone.replacingEmpty(with: "non indiqué")),
                Row(label: "Adresse e-mail", value: a.email.replacingEmpty(with: "non indiquée")),
            ]
        case .coDemandeur:
            guard let c = form.coApplicant else { return [] }
            guard c.present else { return [Row(label: "Co-demandeur", value: "aucun")] }
            return [
                Row(label: "Nom et prénom", value: "\(c.lastName) \(c.firstName)"),
                Row(label: "Date de naissance", value: display(c.birthDate)),
                Row(label: "Nationalité", value: label(c.nationality, FormOptions.nationalities)),
                Row(label: "Lien", value: label(c.relationship, FormOptions.relationships)),
            ]
        case .personnes:
            guard let d = form.dependents else { return [] }
            var rows = d.people.map {
                Row(
                    label: label($0.relationship, FormOptions.dependentRelationships),
                    value:
                        "\($0.firstName), né(e) le \(display($0.birthDate))\($0.sharedCustody ? " (garde alternée)" : "")"
                )
            }
            if rows.isEmpty { rows.append(Row(label: "Personnes à charge", value: "aucune")) }
            if d.expectingChild { rows.append(Row(label: "Naissance attendue", value: "oui")) }
            return rows
        case .situationProfessionnelle:
            guard let e = form.employment else { return [] }
            var rows = [
                Row(label: "Votre situation", value: label(e.applicantSituation, FormOptions.professionalSituations))
            ]
            if !e.applicantEmployer.isEmpty { rows.append(Row(label: "Employeur", value: e.applicantEmployer)) }
            if !e.coApplicantSituation.isEmpty {
                rows.append(
                    Row(label: "Co-demandeur", value: label(e.coApplicantSituation, FormOptions.professionalSituations))
                )
            }
            rows.append(Row(label: "Employeur privé de 10 salariés ou plus", value: yes(e.privateEmployerTenPlus)))
            return rows
        case .ressources:
            guard let r = form.resources else { return [] }
            var rows = [
                Row(label: "Vos revenus mensuels", value: euros(r.applicantMonthlyIncome)),
                Row(label: "Revenus mensuels du co-demandeur", value: euros(r.coApplicantMonthlyIncome)),
                Row(label: "Autres revenus mensuels", value: euros(r.otherMonthlyIncome)),
                Row(label: "Revenus mensuels du foyer", value: euros(r.monthlyTotal)),
                Row(label: "Revenu fiscal de référence \(year - 2)", value: euros(r.taxIncomeN2)),
            ]
            if r.useIncomeN1 {
                rows.append(Row(label: "Revenu fiscal de référence \(year - 1)", value: euros(r.taxIncomeN1)))
            }
            return rows + [
                Row(
                    label: "Revenu retenu pour les plafonds",
                    value: "\(euros(r.retainedIncome.income)) (revenus \(year - r.retainedIncome.year.yearsBack))"),
                Row(label: "Prestations CAF ou MSA", value: yes(r.socialBenefits)),
                Row(
                    label: "Pension alimentaire, indemnités journalières, revenus à l’étranger",
                    value: [
                        r.applicantAlimony || r.coApplicantAlimony ? "pension alimentaire" : nil,
                        r.applicantDailyAllowances || r.coApplicantDailyAllowances ? "indemnités journalières" : nil,
                        r.applicantForeignIncome || r.coApplicantForeignIncome ? "revenus à l’étranger" : nil,
                    ].compactMap { $0 }.joined(separator: ", ").replacingEmpty(with: "non")),
            ]
        case .logementActuel:
            guard let h = form.housing else { return [] }
            return [
                Row(label: "Situation", value: label(h.status, FormOptions.housingStatuses)),
                Row(label: "Loyer mensuel", value: euros(h.monthlyRent)),
                Row(label: "Surface", value: "\(h.surface) m²"),
                Row(label: "Depuis le", value: h.since.isEmpty ? "non indiqué" : display(h.since)),
            ]
        case .motifs:
            guard let m = form.reasons else { return [] }
            return m.motifs.enumerated().map {
                Row(label: "Motif \($0.offset + 1)", value: label($0.element, FormOptions.motifs))
            }
        case .logementRecherche:
            guard let w = form.wishes else { return [] }
            return [
                Row(label: "Types de logement", value: w.typologies.joined(separator: ", ")),
                Row(
                    label: "Communes souhaitées",
                    value: w.communeCodes.map { communes.entry(code: $0)?.label ?? $0 }.joined(separator: ", ")),
                Row(label: "Accès en fauteuil roulant", value: yes(w.wheelchairAccess)),
                Row(label: "Ascenseur nécessaire", value: yes(w.elevatorNeeded)),
                Row(label: "Place de stationnement", value: yes(w.parking)),
                Row(label: "Loyer maximum", value: w.maxRent > 0 ? euros(w.maxRent) : "non précisé"),
            ]
        case .handicapDalo:
            guard let s = form.situation else { return [] }
            return [
                Row(label: "Personnes en situation de handicap", value: String(s.disabledPersons)),
                Row(label: "Décision DALO favorable", value: yes(s.hasDaloDecision)),
                Row(
                    label: "Violences conjugales ou familiales subies par une personne du foyer", value: yes(s.violence)
                ),
                Row(
                    label: "Demandeur de moins de 21 ans pris en charge par l’Aide sociale à l’enfance",
                    value: yes(s.formerASE)),
            ]
        }
    }

    static func display(_ iso: String) -> String {
        guard let date = try? CalendarDate(iso: iso) else { return iso }
        return String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    static func euros(_ amount: Int) -> String {
        var digits = String(amount)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: "\u{202F}") + "\u{00A0}€"
    }
}

struct RequestSummaryPage: Encodable {
    /// What stops the submission, each with the page where it is put right.
    struct Blocker: Encodable {
        let title: String
        let message: String
        let link: String
    }

    let layout: LayoutContext
    let base = "/demande"
    let summary: RequestSummary
    let missing: [Blocker]
    let contradictions: [Blocker]
    let canSubmit: Bool

    init(layout: LayoutContext, request: HousingRequest, communes: CommuneList, today: CalendarDate) {
        self.layout = layout
        summary = RequestSummary(request, communes: communes, today: today)
        let link = { (step: WizardStep, field: String?) in
            "/demande/etape/\(step.rawValue)" + (field.map { "#\($0)" } ?? "")
        }
        missing = WizardStep.allCases.filter { !$0.isAnswered(in: request.form) }.map {
            Blocker(title: "Étape \($0.number) : \($0.title)", message: "à remplir", link: link($0, nil))
        }
        contradictions = RequestCoherence.problems(in: request.form).map {
            Blocker(
                title: "Étape \($0.step.number) : \($0.step.title)", message: $0.message, link: link($0.step, $0.field))
        }
        canSubmit = missing.isEmpty && contradictions.isEmpty && request.status == .brouillon
    }
}

extension String {
    /// The text, or `fallback` when it is empty.
    func replacingEmpty(with fallback: String) -> String { isEmpty ? fallback : self }
}

extension HousingRequest {
    /// The year N from which the tax years « N-2 » and « N-1 » of the answers are named: today for a
    /// draft being filled in, otherwise the year of the last save (a request read a year later
    /// keeps the years its answers were given for).
    func declarationYear(today: CalendarDate) -> Int {
        guard status != .brouillon, let updatedAt else { return today.year }
        return CalendarDate.today(now: updatedAt).year
    }
}
