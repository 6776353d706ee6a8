import LogisCore
import Testing

/// DOMAIN.md §8: « a ranking table of live requests, one row per (wished commune, request),
/// holding the sort key … and the hard-filter columns (wished typologies as a bit mask, … financing
/// the household is eligible for, accessibility need) ». The row's test must say what
/// `Preselection.firstFailedRule` says, for every combination of household and dwelling.
@Suite("Ranking row (DOMAIN.md §8): the table's filters agree with the pre-selection's rules")
struct RankingRowTests {
    static let compositions: [(adults: Int, children: Int)] = [(1, 0), (2, 0), (1, 1), (2, 2), (2, 3), (3, 0)]
    static let typologyWishes: [TypologySet] = [[], [.t2], [.t3, .t4], [.t5, .t6]]
    static let eligibility: [(FinancingSet, FinancingSet)] = [
        ([.plai, .plus, .pls], []), ([.pls], []), ([], [.plus]), ([.pls], [.plai]), ([], []),
    ]
    static let needs = AccessibilityNeed.allCases
    static let maximumRents: [Int?] = [nil, 0, 450, 700]

    static let dwellings: [Dwelling] = {
        var dwellings: [Dwelling] = []
        for typology in Typology.allCases {
            for financing in Financing.allCases {
                for accessibility in [DwellingAccessibility.none, .reachableWithoutStairs, .wheelchairAdapted] {
                    for reservataire in [Reservataire.commune, .actionLogement] {
                        dwellings.append(
                            Dwelling(
                                reference: "L", commune: "30341", typology: typology, financing: financing,
                                monthlyRent: 520, accessibility: accessibility, reservataire: reservataire))
                    }
                }
            }
        }
        return dwellings
    }()

    @Test("passes(_:) is firstFailedRule == nil for every household and dwelling")
    func agreesWithTheRules() throws {
        var checked = 0
        var kept = 0
        for (adults, children) in Self.compositions {
            for wishes in Self.typologyWishes {
                for (eligible, unjudged) in Self.eligibility {
                    for need in Self.needs {
                        for rent in Self.maximumRents {
                            for actionLogement in [false, true] {
                                let candidate = PreselectionCandidate(
                                    nud: "0301124000001GDPUB", score: 10,
                                    firstFiling: try CalendarDate(iso: "2024-01-01"),
                                    wishedCommunes: ["30341"], wishedTypologies: wishes,
                                    composition: try HouseholdComposition(adults: adults, children: children),
                                    eligibleFinancings: eligible, unjudgedFinancings: unjudged, accessibilityNeed: need,
                                    maximumRent: rent, actionLogementEligible: actionLogement)
                                let row = RankingRow(candidate)
                                for dwelling in Self.dwellings {
                                    let byRule = Preselection.firstFailedRule(candidate, dwelling) == nil
                                    let byRow = row.passes(RankingRow.Requirement(dwelling))
                                    #expect(byRule == byRow, "\(candidate) \(dwelling)")
                                    checked += 1
                                    if byRow { kept += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Both outcomes occur often enough for the agreement to mean something.
        #expect(checked == 6 * 4 * 5 * 3 * 4 * 2 * 108)
        #expect(kept > checked / 20 && kept < checked / 2)
    }

    @Test("A request naming no typology wishes every typology; over-occupation still applies")
    func noTypologyWished() throws {
        let candidate = PreselectionCandidate(
            nud: "0301124000001GDPUB", score: 0, firstFiling: try CalendarDate(iso: "2024-01-01"),
            wishedCommunes: ["30341"], composition: try HouseholdComposition(adults: 2, children: 2),
            eligibleFinancings: [.plus])
        let row = RankingRow(candidate)
        #expect(row.wishedTypologies == TypologySet(Typology.allCases).rawValue)
        // Seed 003: « famille avec 1 ou 2 enfants → T3/T4 »: a T2 is over-occupied, T3 and above are not.
        #expect(row.roomyTypologies == TypologySet(.t3 ... .t6).rawValue)
    }
}
