import LogisCore

/// A registered request as the pre-selection sees it (`LogisCore.PreselectionCandidate`), built
/// from its stored answers: composition and eligibility from sections 1–5 and 9, wishes from
/// section 8. The ranking table's rows and the explanations both come from here.
struct RequestRankingFacts {
    /// The candidate, and the INSEE codes of its wished communes in order of preference.
    let candidate: PreselectionCandidate
    let communeCodes: [String]
    /// The eligibility the candidate's financings come from; `nil` when no table exists for
    /// the year and zone (then every financing is "not judged").
    let eligibility: EligibilityReport?

    enum Failure: Error {
        /// A stored code that the rules do not know: the request's data is damaged.
        case unknownCode(field: String)
    }

    /// - Parameter communeCodes: the INSEE codes of the territory's communes; a wish outside them is not ranked there.
    init(
        request: HousingRequest, communeCodes codes: Set<String>, zone: Zone, ceilings: CeilingsCatalog,
        today: CalendarDate
    ) throws {
        let form = request.form
        let people = form.dependents?.people ?? []
        let children = people.filter { $0.relationship == "enfant" }.count
        let couple = form.coApplicant?.present == true
        let adults = 1 + (couple ? 1 : 0) + (people.count - children)
        let composition = try HouseholdComposition(adults: adults, children: children, couple: couple)
        var typologies = TypologySet()
        for code in form.wishes?.typologies ?? [] {
            guard let typology = Typology(parsing: code) else { throw Failure.unknownCode(field: "typologies") }
            typologies.insert(typology)
        }
        let priorities = try request.priorityCriteria()
        let eligibility = Self.eligibility(of: form, zone: zone, ceilings: ceilings, today: today)
        communeCodes = (form.wishes?.communeCodes ?? []).filter(codes.contains)
        let need: AccessibilityNeed =
            form.wishes?.wheelchairAccess == true
            ? .wheelchair : (form.wishes?.elevatorNeeded == true ? .noStairs : .none)
        candidate = PreselectionCandidate(
            nud: request.nud ?? "", score: request.score ?? 0,
            firstFiling: try CalendarDate(iso: request.firstFiledOn ?? today.iso), wishedCommunes: communeCodes,
            wishedTypologies: typologies, composition: composition,
            eligibleFinancings: eligibility?.eligibleFinancings ?? [],
            unjudgedFinancings: eligibility?.unjudgedFinancings ?? FinancingSet(Financing.allCases),
            accessibilityNeed: need, maximumRent: form.wishes?.maxRent,
            actionLogementEligible: form.employment?.privateEmployerTenPlus == true, priorities: priorities)
        self.eligibility = eligibility
    }

    /// The ceilings of the current year for the household (DOMAIN.md §4): the revenu fiscal de
    /// référence of N-2 (or N-1, lower, when asked: `RetainedIncome`), the category from the persons, the dependants, a jeune ménage from the
    /// couple's birth dates, and the persons with a disability.
    static func eligibility(
        of form: RequestForm, zone: Zone, ceilings: CeilingsCatalog, today: CalendarDate
    ) -> EligibilityReport? {
        let persons = form.householdPersons
        let dependents = form.dependents?.people.count ?? 0
        var coupleAges: CoupleAges?
        if form.coApplicant?.present == true, let first = age(form.applicant?.birthDate, today),
            let second = age(form.coApplicant?.birthDate, today)
        {
            coupleAges = try? CoupleAges(first, second)
        }
        guard
            let household = try? Household(
                persons: persons, dependents: min(dependents, persons - (coupleAges == nil ? 1 : 2)),
                coupleAges: coupleAges, disabledPersons: min(form.situation?.disabledPersons ?? 0, persons))
        else { return nil }
        let query = EligibilityQuery(
            year: today.year, zone: zone, household: household, income: form.resources?.retainedIncome.income ?? 0)
        return try? ceilings.evaluate(query)
    }

    /// Full years from a `YYYY-MM-DD` birth date to `today`.
    static func age(_ birthDate: String?, _ today: CalendarDate) -> Int? {
        guard let text = birthDate, let born = try? CalendarDate(iso: text), born <= today else { return nil }
        return born.fullMonths(until: today) / 12
    }
}
