import LogisCore

extension RequestForm {
    /// The situation LogisCore derives the document checklist from. Persons are in Cerfa order:
    /// applicant, co-applicant, then the other persons of the household. A stored code the
    /// vocabulary does not know throws (`unknown_code`); a question not answered yet asks the
    /// pieces of the most common answer [reading: a draft's checklist is a preview, completed as
    /// the steps are filled].
    func documentSituation(on today: CalendarDate) throws(RuleError) -> RequestSituation {
        let employment = self.employment
        let actionLogement = employment?.privateEmployerTenPlus ?? false
        var persons = [
            PersonSituation(
                role: .demandeur,
                nationality: try StoredCode.read(applicant?.nationality ?? "", field: "nationalité") ?? .france,
                professionalSituation: try StoredCode.read(
                    employment?.applicantSituation ?? "", field: "situation professionnelle"),
                // [reading] The form counts disabled persons; the evidence is asked of the applicant.
                disabled: (situation?.disabledPersons ?? 0) > 0, formerASE: situation?.formerASE ?? false,
                actionLogement: actionLogement,
                incomeEvidence: resources?.applicantForeignIncome == true ? .foreignTaxResidence : .avisImposition,
                receivesAlimony: resources?.applicantAlimony ?? false,
                receivesDailyAllowances: resources?.applicantDailyAllowances ?? false)
        ]
        if let co = coApplicant, co.present {
            persons.append(
                PersonSituation(
                    role: .coDemandeur,
                    nationality: try StoredCode.read(co.nationality, field: "nationalité du codemandeur") ?? .france,
                    professionalSituation: try StoredCode.read(
                        employment?.coApplicantSituation ?? "", field: "situation professionnelle du codemandeur"),
                    incomeEvidence: resources?.coApplicantForeignIncome == true
                        ? .foreignTaxResidence : .avisImposition,
                    receivesAlimony: resources?.coApplicantAlimony ?? false,
                    receivesDailyAllowances: resources?.coApplicantDailyAllowances ?? false))
        }
        for person in dependents?.people ?? [] {
            let adult = (try? CalendarDate(iso: person.birthDate)).map { $0.adding(years: 18) <= today } ?? false
            persons.append(PersonSituation(role: person.relationship == "enfant" ? .enfant : .autre, adult: adult))
        }
        let motifs = try storedMotifs()
        var situation = RequestSituation(
            persons: persons,
            maritalStatus: try StoredCode.read(applicant?.maritalStatus ?? "", field: "situation familiale")
                ?? .celibataire,
            housingStatus: try storedHousingStatus() ?? .autre,
            motifs: motifs, violence: situation?.violence ?? false,
            pregnancy: dependents?.expectingChild ?? false, socialBenefits: resources?.socialBenefits ?? false)
        situation.incomeOfLastYear = resources?.retainedIncome.year == .n1
        return situation
    }

    /// First name of each person of the checklist, for labels such as « Pièce d’identité – Léa ».
    var personNames: [String] {
        var names = [applicant?.firstName ?? "Demandeur"]
        if let co = coApplicant, co.present { names.append(co.firstName) }
        names += (dependents?.people ?? []).map(\.firstName)
        return names
    }
}
