import LogisCore
import Testing

/// DOMAIN.md §3: « the eligibility test uses the RFR of N-2, or N-1 if lower and the household
/// asks ».
@Suite("Retained income: N-2, or N-1 when lower and asked")
struct RetainedIncomeTests {
    static let cases: [(String, Int, Int?, Int, RetainedIncome.Year)] = [
        ("not asked: N-2", 30_000, nil, 30_000, .n2),
        ("asked and lower: N-1", 30_000, 21_000, 21_000, .n1),
        ("asked but equal: N-2", 30_000, 30_000, 30_000, .n2),
        ("asked but higher: N-2", 30_000, 34_000, 30_000, .n2),
        ("asked, no income in N-1: N-1", 12_000, 0, 0, .n1),
    ]

    @Test("Table", arguments: cases)
    func table(_ name: String, _ n2: Int, _ n1: Int?, _ income: Int, _ year: RetainedIncome.Year) {
        let retained = RetainedIncome.retained(n2: n2, n1: n1)
        #expect(retained.income == income, "\(name)")
        #expect(retained.year == year, "\(name)")
    }

    @Test("The checklist asks the N-1 notice only when N-1 is asked")
    func checklist() {
        var situation = RequestSituation(persons: [PersonSituation(role: .demandeur)])
        #expect(!DocumentChecklist(for: situation).pieces.contains { $0.piece == .avisImpositionN1 })
        situation.incomeOfLastYear = true
        let pieces = DocumentChecklist(for: situation).pieces
        #expect(pieces.contains { $0.piece == .avisImpositionN1 && $0.personIndex == 0 })
        #expect(pieces.contains { $0.piece == .avisImpositionN2 && $0.personIndex == 0 })
    }
}

@Suite("Retained income: the tax year people read")
struct RetainedIncomeYearTests {
    @Test("N-2 and N-1 count back from the year of the request")
    func yearsBack() {
        #expect(2026 - RetainedIncome.Year.n2.yearsBack == 2024)
        #expect(2026 - RetainedIncome.Year.n1.yearsBack == 2025)
    }
}

@Suite("Income pieces name their years")
struct IncomePieceLabelTests {
    @Test("A request of 2026 asks the 2025 notice on the 2024 income")
    func years() {
        #expect(DocumentPiece.avisImpositionN2.label(year: 2026) == "Avis d’imposition 2025 sur les revenus 2024")
        #expect(DocumentPiece.revenusParentsN2.label(year: 2026).hasPrefix("Revenus 2024 des parents"))
        #expect(!DocumentPiece.avisImpositionN1.label(year: 2026).contains("N-1"))
        #expect(DocumentPiece.pieceIdentite.label(year: 2026) == DocumentPiece.pieceIdentite.label)
    }
}
