import LogisCore

/// The dozen answers of the form the cotation grid reads, and nothing else. The nightly
/// recompute reads them straight from the database (`CotationInputs`, a few hundred bytes a
/// request instead of the whole form); a request already in memory gives them from its form. Both
/// then go through `facts(…)`, the one place that turns answers into `CotationFacts`.
struct CotationAnswers: Decodable, Sendable, Equatable {
    var postalCode: String?
    var city: String?
    var coApplicant: Bool?
    /// `enfant` or `autre`, one per dependent person.
    var relationships: [String]?
    var expectingChild: Bool?
    /// The applicant's, the co-applicant's and the other monthly incomes, in euros.
    var incomes: [Int?]?
    var housingStatus: String?
    var rent: Int?
    var motifs: [String]?
    var violence: Bool?
    var disabled: Int?

    init(form: RequestForm) {
        postalCode = form.applicant?.postalCode
        city = form.applicant?.city
        coApplicant = form.coApplicant?.present
        relationships = form.dependents?.people.map(\.relationship)
        expectingChild = form.dependents?.expectingChild
        incomes = form.resources.map {
            [$0.applicantMonthlyIncome, $0.coApplicantMonthlyIncome, $0.otherMonthlyIncome]
        }
        housingStatus = form.housing?.status
        rent = form.housing?.monthlyRent
        motifs = form.reasons?.motifs
        violence = form.situation?.violence
        disabled = form.situation?.disabledPersons
    }

    /// The request's columns the grid reads beside the answers.
    struct Columns: Sendable {
        var firstFiledOn: String?
        var priorities: PrioritySet
        var validatedCriteria: Set<String>
        var offerRefusals: Int?
    }

    /// The facts the grid scores; a stored code the vocabulary does not know throws
    /// (`unknown_code`) rather than silently counting for nothing.
    func facts(_ columns: Columns, today: CalendarDate, livesInTerritory: Bool) throws -> CotationFacts {
        var motifs: [Motif] = []
        for code in self.motifs ?? [] {
            if let motif = try StoredCode.read(code, field: "motif de la demande", as: Motif.self) {
                motifs.append(motif)
            }
        }
        let housing = try StoredCode.read(housingStatus ?? "", field: "logement actuel", as: HousingStatus.self)
        let disabledPersons = disabled ?? 0
        var flags = CotationFlags()
        if violence == true { flags.insert(.violences) }
        if disabledPersons > 0 { flags.insert(.handicap) }
        if housing == .sansAbri || motifs.contains(.sansLogement) { flags.insert(.sansLogement) }
        if motifs.contains(.expulsion) { flags.insert(.expulsion) }
        if motifs.contains(.logementIndigne) { flags.insert(.logementIndigne) }
        if expectingChild == true { flags.insert(.grossesse) }
        let dependents = relationships ?? []
        let children = dependents.filter { $0 == "enfant" }.count
        let first = columns.firstFiledOn.flatMap { try? CalendarDate(iso: $0) } ?? today
        return CotationFacts(
            flags: flags, motifs: MotifSet(motifs), priorities: columns.priorities, housingStatus: housing,
            firstFiling: first, evaluationDate: today, refusals: columns.offerRefusals ?? 0,
            validatedCriteria: columns.validatedCriteria,
            monthlyIncome: (incomes ?? []).reduce(0) { $0 + ($1 ?? 0) }, monthlyRent: rent ?? 0,
            singleParent: coApplicant != true && children > 0, overcrowded: false,
            worksInTerritory: false, livesInTerritory: livesInTerritory,
            persons: 1 + (coApplicant == true ? 1 : 0) + dependents.count, children: children,
            disabledPersons: disabledPersons)
    }

    /// « Réside sur le territoire »: the applicant's address is one of the territory's communes —
    /// same postal code, same name once accents, case and hyphens are set aside
    /// (docs/rules/cotation.md). `communes` maps a postal code to the normalised names of the
    /// territory's communes bearing it (`TerritoryCommuneNames`).
    func lives(in communes: TerritoryCommuneNames) -> Bool {
        guard let postalCode, let city, let names = communes.names[postalCode] else { return false }
        return names.contains(DuplicateDetection.normalise(city))
    }
}

/// A territory's communes as « réside sur le territoire » compares them: by postal code, the
/// normalised names (`DuplicateDetection.normalise`).
struct TerritoryCommuneNames: Sendable {
    var names: [String: Set<String>] = [:]

    init<S: Sequence>(_ communes: S) where S.Element == (postalCode: String, name: String) {
        for commune in communes {
            names[commune.postalCode, default: []].insert(DuplicateDetection.normalise(commune.name))
        }
    }
}
