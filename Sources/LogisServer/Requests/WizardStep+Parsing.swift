import LogisCore

/// How each wizard page turns its fields into a Cerfa section, and back for re-display.
extension WizardStep {
    static let maxDependents = 8

    /// Applies the submitted fields to `form`; returns the messages of faulty fields (empty when saved).
    /// The answers must also agree with those of the other pages already given (`RequestCoherence`).
    func apply(
        _ raw: [String: String], to form: inout RequestForm, communes: CommuneList, today: CalendarDate
    ) -> [String: String] {
        var candidate = form
        var errors = applyAnswers(raw, to: &candidate, communes: communes, today: today)
        if errors.isEmpty { errors = RequestCoherence.errors(at: self, in: candidate) }
        if errors.isEmpty { form = candidate }
        return errors
    }

    /// The page's own checks only: the API applies several pages before checking them together.
    func applyAnswers(
        _ raw: [String: String], to form: inout RequestForm, communes: CommuneList, today: CalendarDate
    ) -> [String: String] {
        var fields = FormFields(raw)
        let codes = { (options: [FormChoice]) in options.map(\.code) }
        switch self {
        case .demandeur:
            let section = ApplicantSection(
                lastName: fields.required("lastName", "votre nom"),
                birthName: fields.optional("birthName", maxLength: 100),
                firstName: fields.required("firstName", "votre prénom"),
                birthDate: fields.date("birthDate", "votre date de naissance", notAfter: today),
                nationality: fields.choice("nationality", "votre nationalité", among: codes(FormOptions.nationalities)),
                residencePermit: fields.optional("residencePermit", maxLength: 100),
                maritalStatus: fields.choice(
                    "maritalStatus", "votre situation familiale", among: codes(FormOptions.maritalStatuses)),
                phone: fields.optional("phone", maxLength: 20), email: fields.optional("email", maxLength: 254),
                street: fields.required("street", "votre adresse", maxLength: 200),
                postalCode: fields.required("postalCode", "votre code postal", maxLength: 5),
                city: fields.required("city", "votre commune"))
            if section.nationality == "other", section.residencePermit.isEmpty {
                fields.fail("residencePermit", "Indiquez votre titre de séjour (type et date de fin de validité).")
            }
            if !section.postalCode.isEmpty, section.postalCode.count != 5 || !section.postalCode.allSatisfy(\.isNumber)
            {
                fields.fail("postalCode", "Le code postal compte 5 chiffres.")
            }
            if !section.email.isEmpty, !AccountRegistration.isPlausible(email: section.email.lowercased()) {
                fields.fail("email", "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).")
            }
            if fields.errors.isEmpty { form.applicant = section }
        case .coDemandeur:
            let present = fields.flag("present")
            var section = CoApplicantSection(
                present: present, lastName: "", firstName: "", birthDate: "", nationality: "", relationship: "")
            if present {
                section.lastName = fields.required("lastName", "son nom")
                section.firstName = fields.required("firstName", "son prénom")
                section.birthDate = fields.date("birthDate", "sa date de naissance", notAfter: today)
                section.nationality = fields.choice(
                    "nationality", "sa nationalité", among: codes(FormOptions.nationalities))
                section.relationship = fields.choice(
                    "relationship", "votre lien", among: codes(FormOptions.relationships))
            }
            if fields.errors.isEmpty { form.coApplicant = section }
        case .personnes:
            var people: [DependentsSection.Person] = []
            for index in 1...Self.maxDependents {
                let prefix = "p\(index)_"
                guard !fields.text(prefix + "firstName").isEmpty || !fields.text(prefix + "birthDate").isEmpty else {
                    continue
                }
                people.append(
                    .init(
                        firstName: fields.required(prefix + "firstName", "son prénom"),
                        birthDate: fields.date(prefix + "birthDate", "sa date de naissance", notAfter: today),
                        relationship: fields.choice(
                            prefix + "relationship", "le lien", among: codes(FormOptions.dependentRelationships)),
                        sharedCustody: fields.flag(prefix + "sharedCustody")))
            }
            if fields.errors.isEmpty {
                form.dependents = DependentsSection(people: people, expectingChild: fields.flag("expectingChild"))
            }
        case .situationProfessionnelle:
            let hasCo = form.coApplicant?.present == true
            let section = EmploymentSection(
                applicantSituation: fields.choice(
                    "applicantSituation", "votre situation", among: codes(FormOptions.professionalSituations)),
                applicantEmployer: fields.optional("applicantEmployer", maxLength: 150),
                coApplicantSituation: fields.choice(
                    "coApplicantSituation", "la situation de votre co-demandeur",
                    among: codes(FormOptions.professionalSituations), required: hasCo),
                privateEmployerTenPlus: fields.flag("privateEmployerTenPlus"))
            if fields.errors.isEmpty { form.employment = section }
        case .ressources:
            let section = ResourcesSection(
                applicantMonthlyIncome: fields.amount("applicantMonthlyIncome", "vos revenus mensuels", required: true),
                coApplicantMonthlyIncome: fields.amount("coApplicantMonthlyIncome", "ses revenus mensuels"),
                otherMonthlyIncome: fields.amount("otherMonthlyIncome", "les autres revenus"),
                taxIncomeN2: fields.amount("taxIncomeN2", "le revenu fiscal de référence", required: true),
                socialBenefits: fields.flag("socialBenefits"), applicantAlimony: fields.flag("applicantAlimony"),
                applicantDailyAllowances: fields.flag("applicantDailyAllowances"),
                applicantForeignIncome: fields.flag("applicantForeignIncome"),
                coApplicantAlimony: fields.flag("coApplicantAlimony"),
                coApplicantDailyAllowances: fields.flag("coApplicantDailyAllowances"),
                coApplicantForeignIncome: fields.flag("coApplicantForeignIncome"),
                useIncomeN1: fields.flag("useIncomeN1"),
                taxIncomeN1: fields.amount(
                    "taxIncomeN1", "le revenu fiscal de référence N-1", required: fields.flag("useIncomeN1")))
            // DOMAIN.md §3: N-1 is retained only when it is lower than N-2.
            if section.useIncomeN1, fields.errors["taxIncomeN1"] == nil, section.taxIncomeN1 >= section.taxIncomeN2 {
                fields.fail(
                    "taxIncomeN1",
                    "Le revenu de l’année dernière n’est retenu que s’il est inférieur à celui de N-2 : corrigez-le ou "
                        + "décochez la case.")
            }
            if fields.errors.isEmpty { form.resources = section }
        case .logementActuel:
            let section = CurrentHousingSection(
                status: fields.choice("status", "votre situation", among: codes(FormOptions.housingStatuses)),
                monthlyRent: fields.amount("monthlyRent", "le loyer", maximum: 100_000),
                surface: fields.amount("surface", "la surface", maximum: 2_000),
                since: fields.date("since", "la date d’entrée", required: false, notAfter: today))
            if fields.errors.isEmpty { form.housing = section }
        case .motifs:
            let motifCodes = codes(FormOptions.motifs)
            var motifs: [String] = []
            for index in 1...3 {
                let value = fields.choice("motif\(index)", "un motif", among: motifCodes, required: index == 1)
                if !value.isEmpty {
                    if motifs.contains(value) {
                        fields.fail("motif\(index)", "Ce motif est déjà choisi.")
                    } else {
                        motifs.append(value)
                    }
                }
            }
            if fields.errors.isEmpty { form.reasons = ReasonsSection(motifs: motifs) }
        case .logementRecherche:
            let typologies = FormOptions.typologies.filter { fields.flag("typology_\($0)") }
            if typologies.isEmpty { fields.fail("typologies", "Cochez au moins un type de logement.") }
            var wished: [String] = []
            for index in 1...3 {
                let value = fields.choice("commune\(index)", "une commune", among: communes.codes, required: index == 1)
                guard !value.isEmpty, !wished.contains(value) else { continue }
                // One request, one territory (the first commune's): its NUD, desks and commission.
                if let first = wished.first.flatMap(communes.entry(code:)), let entry = communes.entry(code: value),
                    entry.territoryID != first.territoryID
                {
                    fields.fail(
                        "commune\(index)",
                        "\(entry.name) ne relève pas du même territoire que \(first.name) : une demande porte sur les "
                            + "communes d’un seul territoire. Déposez une autre demande pour \(entry.name).")
                    continue
                }
                wished.append(value)
            }
            let section = WishesSection(
                typologies: typologies, communeCodes: wished, wheelchairAccess: fields.flag("wheelchairAccess"),
                elevatorNeeded: fields.flag("elevatorNeeded"), maxRent: fields.amount("maxRent", "le loyer maximum"),
                parking: fields.flag("parking"))
            if fields.errors.isEmpty { form.wishes = section }
        case .handicapDalo:
            let section = SituationSection(
                disabledPersons: fields.amount("disabledPersons", "le nombre de personnes", maximum: 20),
                hasDaloDecision: fields.flag("hasDaloDecision"),
                violence: fields.flag("violence"), formerASE: fields.flag("formerASE"))
            if fields.errors.isEmpty { form.situation = section }
        }
        return fields.errors
    }
}
