import LogisCore
import Testing

/// Issue 16 §1.3: before publishing a version, the EPCI sees how many requests move up, down or
/// stay, the largest moves (rank before → after, by NUD) and the points each criterion gives or
/// takes. Ranks follow `RankingOrder`: score, then the earliest first filing, then the NUD.
@Suite("Cotation grid comparison: the preview of a new version")
struct CotationGridComparisonTests {
    static func entry(
        _ nud: String, filed: String = "2025-01-01", before: [String: Int], after: [String: Int]
    ) throws -> CotationGridComparison.Entry {
        CotationGridComparison.Entry(
            nud: nud, firstFiling: try CalendarDate(iso: filed),
            before: .init(total: before.values.reduce(0, +), lines: before),
            after: .init(total: after.values.reduce(0, +), lines: after))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let entries: [CotationGridComparison.Entry]
        let up: Int
        let down: Int
        let unchanged: Int
        /// The changes in their shown order: NUD, rank before, rank after.
        let changes: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = (try? makeCases()) ?? []

    static func makeCases() throws -> [Case] {
        [
            Case(
                name: "Same grid: nobody moves",
                entries: [
                    try entry("A", before: ["dalo": 100], after: ["dalo": 100]),
                    try entry("B", before: ["enfants": 3], after: ["enfants": 3]),
                ], up: 0, down: 0, unchanged: 2, changes: []),
            Case(
                // A 10 → 10, B 5 → 15, C 8 → 8: before A, C, B; after B, A, C.
                name: "More points for one criterion: one up two places, two down one",
                entries: [
                    try entry("A", before: ["expulsion": 10], after: ["expulsion": 10]),
                    try entry("B", before: ["famille_monoparentale": 5], after: ["famille_monoparentale": 15]),
                    try entry("C", before: ["enfants": 8], after: ["enfants": 8]),
                ], up: 1, down: 2, unchanged: 0, changes: ["B 3→1", "A 1→2", "C 2→3"]),
            Case(
                // Points change but the order does not: all unchanged.
                name: "Everyone gains the same: ranks unchanged",
                entries: [
                    try entry("A", before: ["anciennete": 20], after: ["anciennete": 40]),
                    try entry("B", before: ["anciennete": 10], after: ["anciennete": 20]),
                ], up: 0, down: 0, unchanged: 2, changes: []),
            Case(
                // Equal scores after: the earlier first filing is ranked first (RankingOrder).
                name: "A tie is broken by the first filing",
                entries: [
                    try entry("A", filed: "2025-06-01", before: ["dalo": 12], after: ["dalo": 10]),
                    try entry("B", filed: "2024-01-01", before: ["heberge": 10], after: ["heberge": 10]),
                ], up: 1, down: 1, unchanged: 0, changes: ["B 2→1", "A 1→2"]),
            Case(name: "No request", entries: [], up: 0, down: 0, unchanged: 0, changes: []),
        ]
    }

    @Test("Counts and changes", arguments: cases)
    func comparison(_ example: Case) {
        let result = CotationGridComparison(example.entries)
        #expect(result.compared == example.entries.count)
        #expect(result.movedUp == example.up)
        #expect(result.movedDown == example.down)
        #expect(result.unchanged == example.unchanged)
        #expect(result.changes.map { "\($0.nud) \($0.rankBefore)→\($0.rankAfter)" } == example.changes)
    }

    @Test("At most `top` changes are kept, the largest moves first")
    func topChanges() throws {
        // Scores 1…60 before, reversed after: the one at each end moves 59 places.
        let entries = try (1...60).map { index in
            try Self.entry(
                String(format: "N%02d", index), before: ["x": index], after: ["x": 61 - index])
        }
        let result = CotationGridComparison(entries, top: 50)
        #expect(result.changes.count == 50)
        #expect(result.movedUp == 30 && result.movedDown == 30)
        #expect(result.changes.first.map { abs($0.rankAfter - $0.rankBefore) } == 59)
        #expect(result.changes.first?.rankAfter == 1)
    }

    @Test("Each criterion's points before and after, and who gains or loses on it")
    func criterionEffects() throws {
        let result = CotationGridComparison([
            try Self.entry("A", before: ["enfants": 6, "dalo": 100], after: ["enfants": 9, "dalo": 100]),
            try Self.entry("B", before: ["enfants": 3, "sur_occupation": 15], after: ["enfants": 3]),
            try Self.entry("C", before: [:], after: ["reside": 5]),
        ])
        let effects = Dictionary(uniqueKeysWithValues: result.criteria.map { ($0.code, $0) })
        #expect(result.criteria.map(\.code) == ["dalo", "enfants", "reside", "sur_occupation"])
        #expect(effects["enfants"]?.pointsBefore == 9 && effects["enfants"]?.pointsAfter == 12)
        #expect(effects["enfants"]?.difference == 3)
        #expect(effects["enfants"]?.requestsGaining == 1 && effects["enfants"]?.requestsLosing == 0)
        #expect(effects["sur_occupation"]?.difference == -15 && effects["sur_occupation"]?.requestsLosing == 1)
        #expect(effects["reside"]?.pointsAfter == 5 && effects["reside"]?.requestsGaining == 1)
        #expect(effects["dalo"]?.difference == 0)
    }
}
