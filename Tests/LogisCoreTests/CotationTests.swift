import Foundation
import LogisCore
import Testing

@Suite("Cotation (CCH L441-2-8, décret 2019-1378; grids as data)")
struct CotationTests {
    let evaluation: CalendarDate
    let petiteCamargue: CompiledCotationGrid
    let lyon: CompiledCotationGrid

    init() throws {
        evaluation = try CalendarDate(iso: "2026-01-15")
        petiteCamargue = try CompiledCotationGrid(try CotationGridCatalog.bundled.grid(id: "petite-camargue"))
        lyon = try CompiledCotationGrid(try CotationGridCatalog.bundled.grid(id: "exemple-lyon", version: 1))
    }

    func facts(monthsAgo months: Int = 0) -> CotationFacts {
        CotationFacts(firstFiling: evaluation.adding(months: -months), evaluationDate: evaluation)
    }

    func line(_ score: CotationScore, _ code: String) -> CotationLine? {
        score.lines.first { $0.code == code }
    }

    @Test func bundledGrids() throws {
        let grids = CotationGridCatalog.bundled.grids.map { "\($0.id)@\($0.version)" }
        #expect(grids == ["exemple-lyon@1", "petite-camargue@1"])
        #expect(throws: RuleError.self) { try CotationGridCatalog.bundled.grid(id: "petite-camargue", version: 2) }
        #expect(throws: RuleError.self) { try CotationGridCatalog.bundled.grid(id: "paris") }
    }

    @Test("Lyon weights (DOMAIN.md §6): expulsion 20, famille monoparentale 5, taux d'effort excessif 10")
    func lyonWeights() {
        var request = facts(monthsAgo: 10)
        request.flags = [.expulsion]
        request.singleParent = true
        request.monthlyIncome = 1_000
        request.monthlyRent = 301
        let score = lyon.score(request)
        #expect(line(score, "expulsion")?.points == 20)
        #expect(line(score, "famille_monoparentale")?.points == 5)
        #expect(line(score, "taux_effort_excessif")?.points == 10)
        #expect(line(score, "anciennete")?.points == 10)
        #expect(score.total == 45)
        #expect(lyon.total(request) == 45)
        #expect(score.gridId == "exemple-lyon")
        #expect(score.gridVersion == 1)
    }

    @Test("Effort rate: rent at exactly 30 % of income is not above 30 %")
    func effortRateBoundary() {
        var request = facts()
        request.monthlyIncome = 1_000
        request.monthlyRent = 300
        #expect(line(lyon.score(request), "taux_effort_excessif") == nil)
        request.monthlyIncome = 0
        #expect(line(lyon.score(request), "taux_effort_excessif")?.points == 10)
        request.monthlyRent = 0
        #expect(line(lyon.score(request), "taux_effort_excessif") == nil)
    }

    @Test("A criterion needing validation is shown as pending and not counted until validated")
    func validation() {
        var request = facts()
        request.priorities = [.dalo]
        let pending = petiteCamargue.score(request)
        #expect(line(pending, "dalo")?.status == .pendingValidation)
        #expect(pending.total == 0)
        #expect(pending.pendingPoints == 100)
        #expect(petiteCamargue.total(request) == 0)
        request.validatedCriteria = ["dalo"]
        let validated = petiteCamargue.score(request)
        #expect(line(validated, "dalo")?.status == .counted)
        #expect(validated.total == 100)
        #expect(validated.pendingPoints == 0)
    }

    @Test("Points per child, capped: 3 per child, 9 at most", arguments: [(0, nil), (1, 3), (2, 6), (3, 9), (5, 9)])
    func perChildCap(_ children: Int, _ expected: Int?) {
        var request = facts()
        request.children = children
        #expect(line(petiteCamargue.score(request), "enfants")?.points == expected)
    }

    @Test(
        "Seniority: 1 point per whole month since the first filing, 60 at most",
        arguments: [(0, 0), (14, 14), (60, 60), (100, 60)])
    func seniority(_ months: Int, _ expected: Int) {
        let score = petiteCamargue.score(facts(monthsAgo: months))
        #expect(line(score, "anciennete")?.points == expected)
        #expect(score.total == expected)
    }

    @Test(
        "Refusals: first one free, then −10 each, −30 at most",
        arguments: [(0, 0), (1, 0), (2, -10), (4, -30), (9, -30)])
    func refusals(_ refusals: Int, _ expected: Int) {
        var request = facts()
        request.refusals = refusals
        let score = petiteCamargue.score(request)
        #expect((line(score, "refus")?.points ?? 0) == expected)
        #expect(score.total == expected)
    }

    @Test("A full breakdown adds up, line by line")
    func breakdown() {
        var request = facts(monthsAgo: 14)
        request.housingStatus = .heberge
        request.flags = [.expulsion]
        request.motifs = [.violencesFamiliales]
        request.validatedCriteria = ["violences"]
        request.singleParent = true
        request.children = 2
        request.livesInTerritory = true
        request.refusals = 2
        let score = petiteCamargue.score(request)
        let lines = score.lines.map { "\($0.code)=\($0.points)\($0.isCounted ? "" : "?")" }
        #expect(
            lines == [
                "heberge=20", "expulsion=30?", "violences=40", "famille_monoparentale=10", "enfants=6",
                "reside_sur_le_territoire=5", "anciennete=14", "refus=-10",
            ])
        #expect(score.total == 20 + 40 + 10 + 6 + 5 + 14 - 10)
        #expect(score.pendingPoints == 30)
    }

    @Test("total(_:) equals the breakdown's total, and the breakdown sums, on 20 000 generated requests")
    func fastPathMatchesBreakdown() {
        var generator = CotationFactsGenerator(seed: 42)
        for _ in 0..<20_000 {
            let request = generator.facts(evaluatedOn: evaluation)
            for grid in [petiteCamargue, lyon] {
                let score = grid.score(request)
                #expect(grid.total(request) == score.total)
                #expect(score.lines.filter(\.isCounted).reduce(0) { $0 + $1.points } == score.total)
                #expect(score.lines.filter { !$0.isCounted }.reduce(0) { $0 + $1.points } == score.pendingPoints)
            }
        }
    }

    @Test("The JSON breakdown has code, label, points, status, detail")
    func json() {
        var request = facts(monthsAgo: 3)
        request.priorities = [.dalo]
        let json = RuleJSON.string(petiteCamargue.score(request))
        #expect(json.contains(#""code":"dalo""#))
        #expect(json.contains(#""status":"pending_validation""#))
        #expect(json.contains(#""evaluatedOn":"2026-01-15""#))
        #expect(json.contains(#""pendingPoints":100"#))
    }
}
