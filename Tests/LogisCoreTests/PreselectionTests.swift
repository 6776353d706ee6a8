import LogisCore
import Testing

@Suite("Pre-selection (DOMAIN.md §8: hard filters, then score, seniority, NUD)")
struct PreselectionTests {
    let dwelling = Dwelling(
        reference: "VAUVERT-RES1-12", commune: "30341", typology: .t3, financing: .plus, monthlyRent: 520,
        accessibility: .reachableWithoutStairs, reservataire: .commune)

    func candidate(
        _ nud: String, score: Int = 50, filed: String = "2024-01-10", communes: [String] = ["30341"],
        typologies: TypologySet = [], adults: Int = 2, children: Int = 1,
        financings: FinancingSet = [.plai, .plus, .pls], unjudged: FinancingSet = [],
        need: AccessibilityNeed = .none, maximumRent: Int? = nil, actionLogement: Bool = false
    ) throws -> PreselectionCandidate {
        PreselectionCandidate(
            nud: nud, score: score, firstFiling: try CalendarDate(iso: filed), wishedCommunes: communes,
            wishedTypologies: typologies, composition: try HouseholdComposition(adults: adults, children: children),
            eligibleFinancings: financings, unjudgedFinancings: unjudged, accessibilityNeed: need,
            maximumRent: maximumRent,
            actionLogementEligible: actionLogement)
    }

    /// Issue "rules mended" 5.1: a financing whose ceiling table is missing (DOMAIN.md §4: the
    /// PLAI table of a year not yet published) is not judged, so it never excludes.
    static let financingCases: [(String, FinancingSet, FinancingSet, Bool, Bool)] = [
        ("eligible for PLUS: kept, judged", [.plus], [], true, false),
        ("above the PLUS ceiling: excluded", [.pls], [], false, false),
        ("PLUS table missing: kept, named as not judged", [], [.plus], true, true),
        ("PLUS table missing, eligible elsewhere: kept, not judged", [.pls], [.plus], true, true),
    ]

    @Test("A missing ceiling table is not judged, never « above the ceiling »", arguments: financingCases)
    func missingTable(
        _ name: String, eligible: FinancingSet, unjudged: FinancingSet, kept: Bool, notJudged: Bool
    ) throws {
        let result = Preselection.rank(
            [try candidate("0300124000001GDPUB", financings: eligible, unjudged: unjudged)], for: dwelling)
        #expect((result.excluded.isEmpty) == kept, "\(name)")
        #expect(result.selected.first?.financingNotJudged == (kept ? notJudged : nil), "\(name)")
    }

    @Test("Order: score descending, then earlier first filing, then NUD ascending")
    func ordering() throws {
        let candidates = [
            try candidate("0300124000004GDPUB", score: 40),
            try candidate("0300124000003GDPUB", score: 60, filed: "2024-05-01"),
            try candidate("0300124000002GDPUB", score: 60, filed: "2023-11-20"),
            try candidate("0300124000009GDPUB", score: 60, filed: "2023-11-20"),
            try candidate("0300124000001GDPUB", score: 60, filed: "2023-11-20"),
        ]
        let result = Preselection.rank(candidates, for: dwelling)
        #expect(result.selected.map(\.nud) == ["0300124000001GDPUB", "0300124000002GDPUB", "0300124000009GDPUB"])
        #expect(result.selected.map(\.rank) == [1, 2, 3])
        #expect(result.notSelected.map(\.nud) == ["0300124000003GDPUB", "0300124000004GDPUB"])
        #expect(result.notSelected.map(\.rank) == [4, 5])
        #expect(result.excluded.isEmpty)
    }

    @Test("Each excluded candidate carries the first rule that excluded it")
    func exclusions() throws {
        let candidates = [
            try candidate("A-above-plus", communes: ["99999"], financings: [.pls]),
            try candidate("B-other-commune", communes: ["30033", "30006"]),
            try candidate("C-wants-t4", typologies: [.t4, .t5]),
            try candidate("D-too-many", adults: 2, children: 3),
            try candidate("E-wheelchair", need: .wheelchair),
            try candidate("F-rent", maximumRent: 500),
            try candidate("G-kept", typologies: [.t3], need: .noStairs, maximumRent: 520),
        ]
        let result = Preselection.rank(candidates, for: dwelling)
        #expect(result.selected.map(\.nud) == ["G-kept"])
        #expect(
            result.excluded.map { "\($0.nud):\($0.code)" } == [
                "A-above-plus:financing_not_eligible", "B-other-commune:commune_not_wished",
                "C-wants-t4:typology_not_wished", "D-too-many:over_occupied", "E-wheelchair:accessibility_not_met",
                "F-rent:rent_above_maximum",
            ])
        #expect(result.excluded[0].label == "Ressources au-dessus du plafond du financement du logement")
    }

    @Test("Action Logement's dwellings go to employees of contributing firms (reading)")
    func reservataire() throws {
        let reserved = Dwelling(
            reference: "AL-1", commune: "30341", typology: .t3, financing: .plus, monthlyRent: 520,
            reservataire: .actionLogement)
        let result = Preselection.rank(
            [try candidate("employee", actionLogement: true), try candidate("other")], for: reserved)
        #expect(result.selected.map(\.nud) == ["employee"])
        #expect(result.excluded.map(\.code) == ["reservataire_not_matching"])
    }

    @Test("Under-occupation is not a hard filter; over-occupation is")
    func occupancyFilter() throws {
        let single = try candidate("single", adults: 1, children: 0)
        #expect(Preselection.firstFailedRule(single, dwelling) == nil)
        let big = try candidate("big", adults: 2, children: 4)
        #expect(Preselection.firstFailedRule(big, dwelling) == .overOccupied)
    }

    @Test("Fewer candidates than asked: all are selected")
    func fewerThanThree() throws {
        let result = Preselection.rank([try candidate("only")], for: dwelling)
        #expect(result.selected.map(\.nud) == ["only"])
        #expect(result.notSelected.isEmpty)
    }

    @Test("10 000 candidates: the top 3 are the best scores, every other one is ranked or excluded")
    func tenThousand() throws {
        let filed = try CalendarDate(iso: "2020-01-01")
        let composition = try HouseholdComposition(adults: 1, children: 1)
        let candidates = (0..<10_000).map { index in
            PreselectionCandidate(
                nud: "030012400\(String(index + 10_000))GDPUB", score: (index * 7_919) % 1_000,
                firstFiling: filed.adding(days: index % 365), wishedCommunes: index % 3 == 0 ? ["30033"] : ["30341"],
                composition: composition, eligibleFinancings: index % 5 == 0 ? [.pls] : [.plus, .pls])
        }
        let result = Preselection.rank(candidates, for: dwelling)
        #expect(result.selected.count == 3)
        #expect(result.selected.count + result.notSelected.count + result.excluded.count == 10_000)
        let ranked = result.selected + result.notSelected
        for (earlier, later) in zip(ranked, ranked.dropFirst()) {
            #expect(
                earlier.score > later.score
                    || (earlier.score == later.score && earlier.firstFiling <= later.firstFiling))
        }
        let bestEligible = candidates.filter { Preselection.firstFailedRule($0, dwelling) == nil }.map(\.score).max()
        #expect(result.selected.first?.score == bestEligible)
    }
}
