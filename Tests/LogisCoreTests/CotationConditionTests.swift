import Foundation
import LogisCore
import Testing

@Suite("Cotation conditions as data (docs/rules/cotation.md)")
struct CotationConditionTests {
    static let evaluation: CalendarDate = (try? CalendarDate(iso: "2026-01-15")) ?? CalendarDate(dayNumber: 0)

    /// Scores one criterion of 1 point with `condition` (given as JSON) against `facts`.
    static func holds(_ conditionJSON: String, _ configure: (inout CotationFacts) -> Void) throws -> Bool {
        let json = #"""
            {"id":"test","version":1,"label":"t","territory":"t","source":"test",
             "criteria":[{"code":"c","label":"c","points":1,"when":\#(conditionJSON)}]}
            """#
        let grid = try CompiledCotationGrid(try CotationGrid.validated(from: Data(json.utf8)))
        var facts = CotationFacts(firstFiling: evaluation.adding(months: -30), evaluationDate: evaluation)
        configure(&facts)
        return grid.total(facts) == 1
    }

    typealias Case = (String, String, @Sendable (inout CotationFacts) -> Void, Bool)

    static let cases: [Case] = [
        ("flag present", #"{"flag":"sans_logement"}"#, { $0.flags = [.sansLogement, .grossesse] }, true),
        ("flag absent", #"{"flag":"sans_logement"}"#, { $0.flags = [.grossesse] }, false),
        ("motif", #"{"motif":"violences_familiales"}"#, { $0.motifs = [.violencesFamiliales] }, true),
        ("motif absent", #"{"motif":"violences_familiales"}"#, { $0.motifs = [.divorceSeparation] }, false),
        ("priority", #"{"priority":"dalo"}"#, { $0.priorities = [.dalo] }, true),
        ("priority absent", #"{"priority":"dalo"}"#, { $0.priorities = [.pdalhpd] }, false),
        ("housing status", #"{"housingStatus":"heberge"}"#, { $0.housingStatus = .heberge }, true),
        ("other housing status", #"{"housingStatus":"heberge"}"#, { $0.housingStatus = .sansAbri }, false),
        ("no housing status", #"{"housingStatus":"heberge"}"#, { $0.housingStatus = nil }, false),
        (
            "effort above", #"{"effortRateAbove":0.3}"#,
            {
                $0.monthlyIncome = 1000; $0.monthlyRent = 301
            }, true
        ),
        (
            "effort equal", #"{"effortRateAbove":0.3}"#,
            {
                $0.monthlyIncome = 1000; $0.monthlyRent = 300
            }, false
        ),
        ("single parent", #"{"singleParent":true}"#, { $0.singleParent = true }, true),
        ("not single parent", #"{"singleParent":false}"#, { $0.singleParent = true }, false),
        ("not single parent holds", #"{"singleParent":false}"#, { _ in }, true),
        ("overcrowded", #"{"overcrowded":true}"#, { $0.overcrowded = true }, true),
        ("works in territory", #"{"worksInTerritory":true}"#, { $0.worksInTerritory = true }, true),
        ("lives in territory", #"{"livesInTerritory":true}"#, { $0.livesInTerritory = false }, false),
        ("disabled", #"{"disabled":true}"#, { $0.disabledPersons = 1 }, true),
        ("children at least 3", #"{"childrenAtLeast":3}"#, { $0.children = 3 }, true),
        ("children at least 3, 2", #"{"childrenAtLeast":3}"#, { $0.children = 2 }, false),
        ("persons at least 5", #"{"personsAtLeast":5}"#, { $0.persons = 5 }, true),
        ("waiting 30 months ≥ 24", #"{"monthsWaitingAtLeast":24}"#, { _ in }, true),
        ("waiting 30 months ≥ 31", #"{"monthsWaitingAtLeast":31}"#, { _ in }, false),
        (
            "all: both", #"{"all":[{"flag":"expulsion"},{"overcrowded":true}]}"#,
            {
                $0.flags = [.expulsion]; $0.overcrowded = true
            }, true
        ),
        (
            "all: one missing", #"{"all":[{"flag":"expulsion"},{"overcrowded":true}]}"#, { $0.flags = [.expulsion] },
            false
        ),
        ("any: second", #"{"any":[{"flag":"expulsion"},{"motif":"expulsion"}]}"#, { $0.motifs = [.expulsion] }, true),
        ("any: none", #"{"any":[{"flag":"expulsion"},{"motif":"expulsion"}]}"#, { $0.motifs = [.autre] }, false),
        ("any across words", #"{"any":[{"flag":"expulsion"},{"overcrowded":true}]}"#, { $0.overcrowded = true }, true),
        ("empty any", #"{"any":[]}"#, { _ in }, false),
        ("empty all", #"{"all":[]}"#, { _ in }, true),
        ("not", #"{"not":{"housingStatus":"proprietaire"}}"#, { $0.housingStatus = .locatairePrive }, true),
        (
            "nested",
            #"{"all":[{"any":[{"flag":"violences"},{"priority":"violences"}]},{"not":{"singleParent":true}}]}"#,
            { $0.priorities = [.violences] }, true
        ),
    ]

    @Test("Condition", arguments: cases)
    func condition(_ example: Case) throws {
        #expect(try Self.holds(example.1, example.2) == example.3, "\(example.0)")
    }

    static let invalid: [(String, String)] = [
        ("unknown key", #"{"flags":"sans_logement"}"#),
        ("unknown flag", #"{"flag":"sdf"}"#),
        ("two keys", #"{"flag":"expulsion","motif":"expulsion"}"#),
        ("not an object", #""expulsion""#),
        ("wrong value type", #"{"childrenAtLeast":"trois"}"#),
    ]

    @Test("Unknown vocabulary is refused when the grid is loaded", arguments: invalid)
    func invalidCondition(_ name: String, _ json: String) {
        do {
            _ = try Self.holds(json) { _ in }
            Issue.record("accepted \(name)")
        } catch let error as RuleError {
            #expect(error.code == "invalid_grid")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("Grid validation: duplicate codes, cap without per, negative penalties")
    func gridValidation() throws {
        let always = CotationCondition.all([])
        let duplicate = CotationGrid(
            id: "t", version: 1, label: "t", territory: "t", source: "t",
            criteria: [
                .init(code: "a", label: "a", points: 1, when: always),
                .init(code: "a", label: "b", points: 1, when: always),
            ])
        #expect(throws: RuleError.self) { try CompiledCotationGrid(duplicate) }
        let capWithoutPer = CotationGrid(
            id: "t", version: 1, label: "t", territory: "t", source: "t",
            criteria: [.init(code: "a", label: "a", points: 1, when: always, cap: 3)])
        #expect(throws: RuleError.self) { try CompiledCotationGrid(capWithoutPer) }
        let badCode = CotationGrid(
            id: "t", version: 1, label: "t", territory: "t", source: "t",
            criteria: [.init(code: "Sans Logement", label: "a", points: 1, when: always)])
        #expect(throws: RuleError.self) { try CompiledCotationGrid(badCode) }
        let negativePenalty = CotationGrid(
            id: "t", version: 1, label: "t", territory: "t", source: "t", criteria: [],
            refusals: RefusalRule(label: "r", freeRefusals: 0, penaltyPerRefusal: -5, maxPenalty: nil))
        #expect(throws: RuleError.self) { try CompiledCotationGrid(negativePenalty) }
    }

    @Test("A grid encodes back to the same grid")
    func roundTrip() throws {
        for grid in CotationGridCatalog.bundled.grids {
            let encoded = RuleJSON.data(grid)
            #expect(try CotationGrid.validated(from: encoded) == grid)
        }
    }

    @Test("Facts decode from JSON with defaults")
    func factsJSON() throws {
        let facts = try JSONDecoder().decode(
            CotationFacts.self,
            from: Data(
                #"{"firstFiling":"2025-01-15","evaluationDate":"2026-01-15","flags":["expulsion"],"singleParent":true}"#
                    .utf8))
        #expect(facts.flags == [.expulsion])
        #expect(facts.singleParent)
        #expect(facts.monthsWaiting == 12)
        #expect(facts.persons == 1)
    }
}
