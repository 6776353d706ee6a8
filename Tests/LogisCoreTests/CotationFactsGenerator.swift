import LogisCore

/// Deterministic pseudo-random facts (SplitMix64), for property tests.
struct CotationFactsGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func facts(evaluatedOn evaluation: CalendarDate) -> CotationFacts {
        var facts = CotationFacts(
            flags: CotationFlags(rawValue: next() & next() & next() & ((1 << UInt64(CotationFlag.allCases.count)) - 1)),
            motifs: MotifSet(rawValue: next() & next() & next() & ((1 << UInt64(Motif.allCases.count)) - 1)),
            priorities: PrioritySet(
                rawValue: next() & next() & next() & ((1 << UInt64(PriorityCriterion.allCases.count)) - 1)),
            housingStatus: chance(90) ? HousingStatus.allCases[below(HousingStatus.allCases.count)] : nil,
            firstFiling: evaluation.adding(days: -below(3_650)),
            evaluationDate: evaluation,
            refusals: chance(80) ? 0 : below(6),
            monthlyIncome: below(4_000),
            monthlyRent: below(1_200),
            singleParent: chance(15), overcrowded: chance(10), worksInTerritory: chance(40),
            livesInTerritory: chance(60), persons: 1 + below(7), children: below(5), disabledPersons: chance(10) ? 1 : 0
        )
        if chance(30) { facts.validatedCriteria = ["dalo", "expulsion", "violences"] }
        return facts
    }
}
