import LogisCore
import Testing

/// Issue « rules mended » 5.8: « two files with the same id and version are refused (as ceilings
/// already are), a used version is immutable …, `effectiveFrom` honoured ». CCH L441-2-8: the grid
/// is adopted by the EPCI, so a new version applies from the date of its adoption.
@Suite("Cotation grid catalog: one content per version, the version in force at a date")
struct CotationGridCatalogTests {
    static func grid(_ version: Int, from date: String?) throws -> CotationGrid {
        CotationGrid(
            id: "essai", version: version, label: "Grille d'essai v\(version)", territory: "essai",
            effectiveFrom: try date.map { try CalendarDate(iso: $0) }, source: "test", criteria: [])
    }

    @Test("Two files of the same id and version are refused")
    func duplicateRefused() throws {
        let grids = [try Self.grid(1, from: nil), try Self.grid(1, from: "2026-01-01")]
        #expect(throws: RuleError.self) { try CotationGridCatalog(validating: grids) }
        do {
            _ = try CotationGridCatalog(validating: grids)
        } catch {
            #expect(error.code == "duplicate_grid_version")
        }
        #expect(
            try CotationGridCatalog(validating: [try Self.grid(1, from: nil), try Self.grid(2, from: nil)]).grids.count
                == 2)
    }

    static let inForce: [(String, Int?)] = [
        ("2025-12-31", 1),  // the eve of version 2's date: version 1
        ("2026-01-01", 2),  // version 2 applies from its date
        ("2026-06-30", 2),
        ("2026-07-01", 3),  // version 3, adopted for 1 July
    ]

    @Test("The version in force is the latest whose date has come", arguments: inForce)
    func versionInForce(_ date: String, _ expected: Int?) throws {
        let catalog = try CotationGridCatalog(validating: [
            try Self.grid(1, from: nil), try Self.grid(2, from: "2026-01-01"), try Self.grid(3, from: "2026-07-01"),
        ])
        #expect(try catalog.grid(id: "essai", effectiveOn: try CalendarDate(iso: date)).version == expected)
    }

    @Test("Before the first version's date, no grid is in force")
    func nothingInForceYet() throws {
        let catalog = try CotationGridCatalog(validating: [try Self.grid(1, from: "2027-01-01")])
        #expect(throws: RuleError.self) {
            try catalog.grid(id: "essai", effectiveOn: try CalendarDate(iso: "2026-12-31"))
        }
    }

    @Test("The bundled grids load: no duplicate versions among them")
    func bundled() throws {
        #expect(try CotationGridCatalog.loadBundled().grids.count >= 2)
    }
}
