import LogisCore

/// Generated inputs, built once before measuring (deterministic, SplitMix64).
enum Fixtures {
    static let evaluation = CalendarDate(dayNumber: 20_468)  // 2026-01-15

    static let petiteCamargue: CompiledCotationGrid = {
        guard let grid = try? CotationGridCatalog.bundled.grid(id: "petite-camargue"),
            let compiled = try? CompiledCotationGrid(grid)
        else { fatalError("Grille petite-camargue introuvable") }
        return compiled
    }()

    static let eligibilityQueries: [EligibilityQuery] = {
        var random = SplitMix64(seed: 1)
        return (0..<1_024).compactMap { _ in
            let persons = 1 + random.below(8)
            guard let household = try? Household(persons: persons, dependents: random.below(persons)) else {
                return nil
            }
            return EligibilityQuery(
                year: 2022 + random.below(5), zone: Zone.allCases[random.below(3)], household: household,
                income: random.below(80_000))
        }
    }()

    static let cotationFacts: [CotationFacts] = {
        var random = SplitMix64(seed: 2)
        return (0..<100_000).map { _ in
            var facts = CotationFacts(
                flags: CotationFlags(rawValue: random.next() & random.next() & random.next() & 0x7FFF),
                motifs: MotifSet(rawValue: random.next() & random.next() & random.next() & 0x1FFFF),
                priorities: PrioritySet(
                    rawValue: random.next() & random.next() & random.next() & random.next() & 0x1FF),
                housingStatus: HousingStatus.allCases[random.below(HousingStatus.allCases.count)],
                firstFiling: evaluation.adding(days: -random.below(3_650)), evaluationDate: evaluation,
                refusals: random.below(10) < 8 ? 0 : random.below(6), monthlyIncome: random.below(4_000),
                monthlyRent: random.below(1_200), singleParent: random.below(100) < 15,
                overcrowded: random.below(100) < 10, worksInTerritory: random.below(100) < 40,
                livesInTerritory: random.below(100) < 60, persons: 1 + random.below(7), children: random.below(5),
                disabledPersons: random.below(100) < 10 ? 1 : 0)
            if random.below(100) < 30 { facts.validatedCriteria = ["dalo", "expulsion", "violences"] }
            return facts
        }
    }()

    static let dwelling = Dwelling(
        reference: "VAUVERT-12", commune: "30341", typology: .t3, financing: .plus, monthlyRent: 520,
        accessibility: .reachableWithoutStairs, reservataire: .commune)

    static let candidates: [PreselectionCandidate] = {
        var random = SplitMix64(seed: 3)
        let communes = ["30341", "30006", "30033", "30073"]
        return (0..<10_000).compactMap { index in
            guard let composition = try? HouseholdComposition(adults: 1 + random.below(2), children: random.below(4))
            else { return nil }
            let financings: FinancingSet = random.below(100) < 15 ? [.pls] : [.plus, .pls]
            return PreselectionCandidate(
                nud: "0300124" + String(100_000 + index) + "GDPUB", score: random.below(200),
                firstFiling: evaluation.adding(days: -random.below(2_000)),
                wishedCommunes: [communes[random.below(4)], communes[random.below(4)]],
                composition: composition, eligibleFinancings: financings,
                accessibilityNeed: random.below(100) < 5 ? .wheelchair : .none)
        }
    }()
}

struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
