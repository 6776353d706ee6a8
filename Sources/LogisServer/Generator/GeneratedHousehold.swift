import Foundation
import LogisCore

/// One synthetic household and its request, drawn from (seed, index) alone: household shapes
/// of the register (single people, couples, single parents), taxable incomes spread around the
/// PLUS ceilings, one to five wished communes drawn towards the most demanded ones, five years
/// of seniority weighted to recent filings, and the statuses and priority flags seen in the
/// registers (≈ 5 % priority).
struct GeneratedHousehold {
    static let firstNames = [
        "Amina", "Bastien", "Chloé", "Driss", "Élodie", "Farid", "Gaëlle", "Hugo", "Inès", "Julien", "Karima",
        "Lucas", "Manon", "Nicolas", "Océane", "Pierre", "Rania", "Sofiane", "Théo", "Yasmine", "Zoé", "Mathis",
        "Adèle", "Bruno", "Camille", "Denis", "Emma", "Fatou", "Gabriel", "Hélène", "Ibrahim", "Jeanne", "Kevin",
        "Léa", "Mohamed", "Nadia", "Olivier", "Paul", "Quentin", "Rose", "Samir", "Tania", "Ulysse", "Valérie",
    ]
    static let lastNames = [
        "Bernard", "Benali", "Dubois", "Fabre", "Garcia", "Girard", "Lopez", "Martin", "Mercier", "Moreau",
        "Nguyen", "Perez", "Petit", "Roux", "Sanchez", "Simon", "Vidal", "Boyer", "Chevalier", "Rey", "Diallo",
        "Lefèvre", "Fontaine", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
        "Morin", "Mathieu", "Clement", "Gauthier", "Dumont", "Traoré", "Lambert", "Bonnet", "François", "Martinez",
        "Legrand", "Garnier", "Faure", "Andre", "Mercier", "Dupont", "Lemaire", "Haddad", "Colin", "Barbier",
    ]
    static let syllables = ["ba", "ri", "lo", "ne", "ta", "vi", "mo", "ka", "su", "de", "ga", "pe", "zu", "fo", "li"]
    static let situations = ["cdi", "cdd", "interim", "chomage", "retraite", "sans_emploi", "etudiant", "invalidite"]
    static let housing = ["locataire_prive", "locataire_hlm", "heberge", "structure_hebergement", "sans_abri"]
    static let motifs = [
        "logement_trop_petit", "logement_trop_cher", "divorce_separation", "rapprochement_travail",
        "logement_indigne", "sans_logement", "violences_familiales", "handicap", "expulsion", "decohabitation",
    ]
    static let priorities: [PriorityCriterion] = [
        .dalo, .pdalhpd, .handicap, .sortieHebergement, .sansLogement, .logementIndigne, .violences,
    ]
    /// Rough PLUS ceilings (revenu fiscal de référence, autres régions) by household size.
    static let ceilings = [0, 24_316, 32_473, 39_053, 47_146, 55_461, 62_505]
    static let seniorityDays = 5 * 365

    var random: GeneratorRandom

    init(seed: UInt64, index: Int) {
        random = GeneratorRandom(seed: seed, stream: .request, index: index)
    }

    /// A name rare enough that the desk search can be tried on one file: a common last name
    /// then, one time in four, a second made of syllables.
    mutating func lastName() -> String {
        let common = random.pick(Self.lastNames)
        guard random.chance(25) else { return common }
        let made = (0..<random.int(2...3)).map { _ in random.pick(Self.syllables) }.joined()
        return common + "-" + made.prefix(1).uppercased() + made.dropFirst()
    }

    struct Drawn {
        var form: RequestForm
        var filed: CalendarDate
        var status: RequestStatus
        var livesInTerritory: Bool
        var priority: PriorityCriterion?
    }

    mutating func draw(in place: GeneratedDirectory.Place, today: CalendarDate) -> Drawn {
        let shape = random.int(1...100)
        let couple = shape > 40 && shape <= 80
        let children = shape <= 40 ? 0 : (shape <= 55 ? 0 : random.int(1...4))
        let persons = (couple ? 2 : 1) + children
        // Recent filings are the most numerous: the register renews and strikes off every year.
        let age = Int(pow(random.unit(), 1.6) * Double(Self.seniorityDays))
        let filed = today.adding(days: -age)
        let birth = filed.adding(years: -random.int(19...75)).adding(days: -random.int(0...364)).iso
        let home = random.chance(85) ? place.choices[random.zipf(place.choices.count, harmonic: place.harmonic)] : nil
        var form = RequestForm()
        form.applicant = ApplicantSection(
            lastName: lastName(), birthName: "", firstName: random.pick(Self.firstNames), birthDate: birth,
            nationality: random.chance(85) ? "fr" : (random.chance(50) ? "eu" : "other"),
            residencePermit: "", maritalStatus: couple ? "marie" : random.pick(["celibataire", "divorce", "veuf"]),
            phone: "", email: "", street: "\(random.int(1...200)) rue de la Gare",
            postalCode: home?.postalCode ?? "75011", city: home?.name ?? "Paris")
        if form.applicant?.nationality == "other" { form.applicant?.residencePermit = "Carte de résident" }
        form.coApplicant = CoApplicantSection(
            present: couple, lastName: couple ? random.pick(Self.lastNames) : "",
            firstName: couple ? random.pick(Self.firstNames) : "",
            birthDate: couple ? filed.adding(years: -random.int(19...75)).iso : "", nationality: couple ? "fr" : "",
            relationship: couple ? "conjoint" : "")
        form.dependents = DependentsSection(
            people: (0..<children).map { _ in
                .init(
                    firstName: random.pick(Self.firstNames), birthDate: filed.adding(years: -random.int(0...17)).iso,
                    relationship: "enfant", sharedCustody: random.chance(10))
            }, expectingChild: random.chance(4))
        form.employment = EmploymentSection(
            applicantSituation: random.pick(Self.situations), applicantEmployer: "",
            coApplicantSituation: couple ? random.pick(Self.situations) : "", privateEmployerTenPlus: random.chance(30))
        // Three quarters under the ceiling, the rest up to 40 % above it.
        let ceiling = Self.ceilings[min(persons, 6)]
        let income = Int(Double(ceiling) * (random.chance(75) ? 0.15 + 0.85 * random.unit() : 1 + 0.4 * random.unit()))
        let monthly = income / 11
        form.resources = ResourcesSection(
            applicantMonthlyIncome: couple ? monthly * 6 / 10 : monthly,
            coApplicantMonthlyIncome: couple ? monthly * 4 / 10 : 0, otherMonthlyIncome: 0, taxIncomeN2: income)
        form.housing = CurrentHousingSection(
            status: random.pick(Self.housing), monthlyRent: random.int(0...900), surface: random.int(9...90), since: "")
        var reasons = [random.pick(Self.motifs)]
        if random.chance(40) {
            let second = random.pick(Self.motifs)
            if second != reasons[0] { reasons.append(second) }
        }
        form.reasons = ReasonsSection(motifs: reasons)
        let composition = try? HouseholdComposition(adults: couple ? 2 : 1, children: children)
        let typologies = composition.map { TypologyAdvice(for: $0).typologies.map(\.code) } ?? ["T2", "T3"]
        form.wishes = WishesSection(
            typologies: persons == 1 ? ["T1", "T2"] : typologies, communeCodes: wishes(in: place, home: home),
            wheelchairAccess: random.chance(3), elevatorNeeded: random.chance(8),
            maxRent: random.chance(20) ? random.int(350...900) : 0, parking: random.chance(30))
        form.situation = SituationSection(
            disabledPersons: random.chance(8) ? 1 : 0, hasDaloDecision: random.chance(2), violence: random.chance(3),
            formerASE: random.chance(1))
        let roll = random.int(1...100)
        let status: RequestStatus =
            roll <= 88
            ? .active : roll <= 92 ? .enregistree : roll <= 95 ? .enInstruction : roll <= 98 ? .radiee : .satisfaite
        let priority = random.chance(5) ? random.pick(Self.priorities) : nil
        return Drawn(form: form, filed: filed, status: status, livesInTerritory: home != nil, priority: priority)
    }

    /// One to five communes, mostly one or two, each drawn towards the most demanded; the home
    /// commune first when the household lives there.
    private mutating func wishes(in place: GeneratedDirectory.Place, home: CommuneList.Entry?) -> [String] {
        let wanted = min(place.choices.count, [1, 1, 1, 2, 2, 2, 3, 3, 4, 5][random.int(0...9)])
        var codes: [String] = home.map { [$0.code] } ?? []
        var attempts = 0
        while codes.count < wanted, attempts < 20 {
            let code = place.choices[random.zipf(place.choices.count, harmonic: place.harmonic)].code
            if !codes.contains(code) { codes.append(code) }
            attempts += 1
        }
        return Array(codes.prefix(wanted))
    }
}
