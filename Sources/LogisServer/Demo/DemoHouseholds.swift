import Foundation
import LogisCore

/// Fictional households for the demo (DOMAIN.md §12: applicants in demo data are generated).
/// A fixed seed makes every demo database the same.
struct DemoHouseholds: SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    static let firstNames = [
        "Amina", "Bastien", "Chloé", "Driss", "Élodie", "Farid", "Gaëlle", "Hugo", "Inès", "Julien", "Karima",
        "Lucas", "Manon", "Nicolas", "Océane", "Pierre", "Rania", "Sofiane", "Théo", "Yasmine", "Zoé", "Mathis",
    ]
    static let lastNames = [
        "Bernard", "Benali", "Dubois", "Fabre", "Garcia", "Girard", "Lopez", "Martin", "Mercier", "Moreau",
        "Nguyen", "Perez", "Petit", "Roux", "Sanchez", "Simon", "Vidal", "Boyer", "Chevalier", "Rey",
    ]
    static let situations = ["cdi", "cdd", "interim", "chomage", "retraite", "sans_emploi", "etudiant", "invalidite"]
    static let housing = ["locataire_prive", "locataire_hlm", "heberge", "structure_hebergement", "sans_abri"]
    static let motifs = [
        "logement_trop_petit", "logement_trop_cher", "divorce_separation", "rapprochement_travail",
        "logement_indigne", "sans_logement", "violences_familiales", "handicap", "expulsion", "decohabitation",
    ]

    /// A complete Cerfa form for a random household living in one of `communes` and wishing it.
    mutating func form(communes: [CommuneList.Entry], today: CalendarDate) -> RequestForm {
        let couple = chance(45)
        let children = chance(55) ? int(1...4) : 0
        let age = int(20...70)
        let birth = today.adding(years: -age).adding(days: -int(0...300)).iso
        var form = RequestForm()
        let home = pick(communes)
        form.applicant = ApplicantSection(
            lastName: pick(Self.lastNames), birthName: "", firstName: pick(Self.firstNames), birthDate: birth,
            nationality: chance(85) ? "fr" : (chance(50) ? "eu" : "other"), residencePermit: "",
            maritalStatus: couple ? "marie" : pick(["celibataire", "divorce", "separation", "veuf"]), phone: "",
            email: "", street: "\(int(1...120)) rue de la République", postalCode: home.postalCode,
            city: home.name)
        if form.applicant?.nationality == "other" { form.applicant?.residencePermit = "Carte de résident" }
        form.coApplicant = CoApplicantSection(
            present: couple, lastName: couple ? pick(Self.lastNames) : "",
            firstName: couple ? pick(Self.firstNames) : "",
            birthDate: couple ? today.adding(years: -int(20...70)).iso : "", nationality: couple ? "fr" : "",
            relationship: couple ? "conjoint" : "")
        form.dependents = DependentsSection(
            people: (0..<children).map { _ in
                .init(
                    firstName: pick(Self.firstNames), birthDate: today.adding(years: -int(0...17)).iso,
                    relationship: "enfant", sharedCustody: chance(10))
            }, expectingChild: chance(5))
        form.employment = EmploymentSection(
            applicantSituation: pick(Self.situations), applicantEmployer: "",
            coApplicantSituation: couple ? pick(Self.situations) : "", privateEmployerTenPlus: chance(30))
        let monthly = int(500...2600)
        form.resources = ResourcesSection(
            applicantMonthlyIncome: monthly, coApplicantMonthlyIncome: couple ? int(0...1800) : 0,
            otherMonthlyIncome: 0,
            taxIncomeN2: monthly * 11)
        form.housing = CurrentHousingSection(
            status: pick(Self.housing), monthlyRent: int(0...900), surface: int(9...80), since: "")
        var reasons = [pick(Self.motifs)]
        if chance(50) {
            let second = pick(Self.motifs)
            if second != reasons[0] { reasons.append(second) }
        }
        form.reasons = ReasonsSection(motifs: reasons)
        let persons = form.householdPersons
        let composition = try? HouseholdComposition(adults: couple ? 2 : 1, children: children)
        let typologies = composition.map { TypologyAdvice(for: $0).typologies.map(\.code) } ?? ["T2", "T3"]
        form.wishes = WishesSection(
            typologies: persons == 1 ? ["T1", "T2"] : typologies,
            communeCodes: Self.wished(home, pick(communes)), wheelchairAccess: chance(4),
            elevatorNeeded: chance(8),
            maxRent: 0, parking: chance(30))
        form.situation = SituationSection(
            disabledPersons: chance(8) ? 1 : 0, hasDaloDecision: chance(3), violence: chance(4), formerASE: false)
        return form
    }

    /// The home commune and another, once each, in alphabetical order.
    private static func wished(_ home: CommuneList.Entry, _ other: CommuneList.Entry) -> [String] {
        (home == other ? [home] : [home, other]).sorted { $0.name < $1.name }.map(\.code)
    }
}
