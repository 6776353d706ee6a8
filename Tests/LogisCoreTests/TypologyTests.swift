import LogisCore
import Testing

@Suite("Typology advice (seed 003 « Pour quel type de logement ? » and docs/rules/typology.md)")
struct TypologyTests {
    static let cases: [(String, Int, Int, Bool?, [Typology], TypologyAdvice.Basis)] = [
        ("seed: personne seule → T1/T2", 1, 0, nil, [.t1, .t2], .seed),
        ("seed: couple → T2", 2, 0, nil, [.t2], .seed),
        ("seed: famille avec 1 enfant → T3/T4", 2, 1, nil, [.t3, .t4], .seed),
        ("seed: famille avec 2 enfants → T3/T4", 2, 2, nil, [.t3, .t4], .seed),
        ("seed: famille avec 3 enfants et plus → T4/T5/T6", 2, 3, nil, [.t4, .t5, .t6], .seed),
        ("seed: famille avec 5 enfants → T4/T5/T6", 2, 5, nil, [.t4, .t5, .t6], .seed),
        ("seed: parent seul avec 2 enfants is a famille → T3/T4", 1, 2, nil, [.t3, .t4], .seed),
        ("seed: parent seul avec 3 enfants → T4/T5/T6", 1, 3, nil, [.t4, .t5, .t6], .seed),
        ("seed: parent seul avec 1 enfant is a « famille avec 1 enfant » → T3/T4", 1, 1, nil, [.t3, .t4], .seed),
        ("reading: two adults not a couple → T2/T3", 2, 0, false, [.t2, .t3], .reading),
        ("reading: couple + adult child → T3", 3, 0, nil, [.t3], .reading),
        ("reading: three unrelated adults → T3/T4", 3, 0, false, [.t3, .t4], .reading),
        ("reading: couple, grandparent, 3 children → T5/T6", 3, 3, nil, [.t5, .t6], .reading),
    ]

    @Test("Advice", arguments: cases)
    func advice(
        _ name: String, adults: Int, children: Int, couple: Bool?, expected: [Typology], basis: TypologyAdvice.Basis
    )
        throws
    {
        let advice = TypologyAdvice(for: try HouseholdComposition(adults: adults, children: children, couple: couple))
        #expect(advice.typologies == expected)
        #expect(advice.basis == basis)
    }

    @Test("Over- and under-occupation against a dwelling typology")
    func occupancy() throws {
        let family = try HouseholdComposition(adults: 2, children: 3)
        #expect(TypologyAdvice.occupancy(of: .t3, for: family) == .overOccupied)
        #expect(TypologyAdvice.occupancy(of: .t4, for: family) == .adapted)
        #expect(TypologyAdvice.occupancy(of: .t6, for: family) == .adapted)
        let single = try HouseholdComposition(adults: 1)
        #expect(TypologyAdvice.occupancy(of: .t2, for: single) == .adapted)
        #expect(TypologyAdvice.occupancy(of: .t3, for: single) == .underOccupied)
        #expect(TypologyAdvice(for: single).occupancy(of: .t4) == .underOccupied)
        let couple = try HouseholdComposition(adults: 2)
        #expect(TypologyAdvice.occupancy(of: .t1, for: couple) == .overOccupied)
    }

    @Test func reasonIsFrench() throws {
        #expect(
            TypologyAdvice(for: try HouseholdComposition(adults: 2, children: 3)).reason
                == "famille avec 3 enfants et plus")
        #expect(
            TypologyAdvice(for: try HouseholdComposition(adults: 1, children: 2)).reason == "famille avec 2 enfants")
    }

    @Test func typologyCodes() {
        #expect(Typology(parsing: "t3") == .t3)
        #expect(Typology(parsing: "T7") == nil)
        #expect(Typology.t6.code == "T6")
    }

    @Test func invalidCompositions() {
        #expect(throws: RuleError.self) { try HouseholdComposition(adults: 0) }
        #expect(throws: RuleError.self) { try HouseholdComposition(adults: 1, couple: true) }
        #expect(throws: RuleError.self) { try HouseholdComposition(adults: 1, children: -1) }
    }
}
