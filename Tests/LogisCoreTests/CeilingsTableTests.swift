import LogisCore
import Testing

/// One published row: a zone, a year, categories 1–6 and the amount per extra person.
struct CeilingRow: Sendable, CustomTestStringConvertible {
    let zone: Zone
    let year: Int
    let amounts: [Int]
    let extraPerson: Int
    let source: String

    var testDescription: String { "\(source), \(year) \(zone.label)" }
}

/// The figures of DOMAIN.md §4, typed again here (not read from the data files), so that a typo
/// in a data file fails a test.
enum PublishedCeilings {
    static let plusSource = "arrêté du 29 juillet 1987, annexe I, PLUS"
    static let plaiSource = "arrêté du 29 juillet 1987, PLAI"

    static let plus: [CeilingRow] = [
        row(.autresRegions, 2022, [21_139, 28_231, 33_949, 40_985, 48_214, 54_338], 6_061),
        row(.autresRegions, 2023, [21_878, 29_217, 35_135, 42_417, 49_898, 56_236], 6_273),
        row(.autresRegions, 2024, [22_642, 30_238, 36_362, 43_899, 51_641, 58_200], 6_492),
        row(.autresRegions, 2025, [23_201, 30_984, 37_259, 44_982, 52_915, 59_636], 6_652),
        row(.autresRegions, 2026, [23_403, 31_254, 37_584, 45_374, 53_376, 60_156], 6_710),
        row(.idf, 2022, [24_316, 36_341, 43_684, 52_326, 61_944, 69_707], 7_767),
        row(.idf, 2023, [25_165, 37_611, 45_210, 54_154, 64_108, 72_142], 8_038),
        row(.idf, 2024, [26_044, 38_925, 46_789, 56_046, 66_347, 74_662], 8_319),
        row(.idf, 2025, [26_687, 39_885, 47_944, 57_429, 67_984, 76_504], 8_524),
        row(.idf, 2026, [26_920, 40_233, 48_362, 57_930, 68_577, 77_171], 8_598),
        row(.paris, 2022, [24_316, 36_341, 47_639, 56_878, 67_672, 76_149], 8_486),
        row(.paris, 2023, [25_165, 37_611, 49_303, 58_865, 70_036, 78_809], 8_782),
        row(.paris, 2024, [26_044, 38_925, 51_025, 60_921, 72_482, 81_562], 9_089),
        row(.paris, 2025, [26_687, 39_885, 52_284, 62_424, 74_271, 83_575], 9_313),
        row(.paris, 2026, [26_920, 40_233, 52_740, 62_968, 74_919, 84_304], 9_394),
    ]

    static let plai: [CeilingRow] = [
        row(.autresRegions, 2022, [11_626, 16_939, 20_370, 22_665, 26_519, 29_886], 3_333, plaiSource),
        // Seed 003 ("Plafonds de ressources 2023", Petite Camargue guide).
        row(.autresRegions, 2023, [12_032, 17_531, 21_082, 23_457, 27_445, 30_930], 3_449, plaiSource),
        row(.autresRegions, 2024, [12_452, 18_143, 21_818, 24_276, 28_404, 32_010], 3_569, plaiSource),
        row(.idf, 2022, [13_378, 21_805, 26_210, 28_779, 34_071, 38_339], 4_270, plaiSource),
        row(.idf, 2024, [14_329, 23_355, 28_074, 30_824, 36_493, 41_064], 4_573, plaiSource),
        // OpenFisca-France 176 prints category 2 as 218 805: a typo for 21 805.
        row(.paris, 2022, [13_378, 21_805, 28_582, 31_287, 37_218, 41_884], 4_666, plaiSource),
        row(.paris, 2024, [14_329, 23_355, 30_614, 33_511, 39_863, 44_861], 4_998, plaiSource),
    ]

    /// (zone, year) with no official PLAI table in our sources: must stay missing.
    static let missingPLAI: [(Zone, Int)] = [
        (.idf, 2023), (.paris, 2023),
        (.autresRegions, 2025), (.idf, 2025), (.paris, 2025),
        (.autresRegions, 2026), (.idf, 2026), (.paris, 2026),
    ]

    private static func row(
        _ zone: Zone, _ year: Int, _ amounts: [Int], _ extra: Int, _ source: String = plusSource
    ) -> CeilingRow {
        CeilingRow(zone: zone, year: year, amounts: amounts, extraPerson: extra, source: source)
    }

    /// PLS = PLUS × 1.30 rounded to the nearest euro, half up (exact integer arithmetic).
    static func pls(_ amount: Int) -> Int { (amount * 13 + 5) / 10 }
}

@Suite("Ceilings tables (DOMAIN.md §4)")
struct CeilingsTableTests {
    let catalog = CeilingsCatalog.bundled

    @Test func bundledTablesLoadWithoutError() throws {
        let loaded = try CeilingsCatalog.load(extraDirectory: nil)
        #expect(loaded.all.count == 15)
        #expect(catalog.all.count == 15)
    }

    @Test("PLUS row", arguments: PublishedCeilings.plus)
    func plusRowMatchesPublication(_ row: CeilingRow) throws {
        let schedule = try catalog.schedule(year: row.year, zone: row.zone)
        #expect(schedule.plus.categories == row.amounts)
        #expect(schedule.plus.extraPerson == row.extraPerson)
        #expect(!schedule.source.isEmpty)
    }

    @Test("PLS = PLUS × 1.30 cell by cell", arguments: PublishedCeilings.plus)
    func plsIsPlusTimesOnePointThree(_ row: CeilingRow) throws {
        let schedule = try catalog.schedule(year: row.year, zone: row.zone)
        #expect(schedule.pls.categories == row.amounts.map(PublishedCeilings.pls))
        #expect(schedule.pls.extraPerson == PublishedCeilings.pls(row.extraPerson))
        #expect(schedule.plsDerivedFromPlus)
    }

    @Test("PLAI row", arguments: PublishedCeilings.plai)
    func plaiRowMatchesPublication(_ row: CeilingRow) throws {
        let plai = try #require(try catalog.schedule(year: row.year, zone: row.zone).plai)
        #expect(plai.categories == row.amounts)
        #expect(plai.extraPerson == row.extraPerson)
    }

    @Test("PLAI table missing, never invented", arguments: PublishedCeilings.missingPLAI)
    func plaiMissingWhereNoSource(_ zone: Zone, _ year: Int) throws {
        let schedule = try catalog.schedule(year: year, zone: zone)
        #expect(schedule.plai == nil)
        #expect(schedule.missing == [.plai])
    }

    @Test("Seed 003, plafonds 2023, PLS column: 28 441 … 73 107, par personne supplémentaire 8 155")
    func seedPLS2023() throws {
        let pls = try catalog.schedule(year: 2023, zone: .autresRegions).pls
        #expect(pls.categories == [28_441, 37_982, 45_676, 55_142, 64_867, 73_107])
        #expect(pls.extraPerson == 8_155)
    }

    @Test("Every (year, zone) pair 2022–2026 has a table, and no other year")
    func coverage() throws {
        for year in 2022...2026 {
            for zone in Zone.allCases {
                #expect(throws: Never.self) { try catalog.schedule(year: year, zone: zone) }
            }
        }
        for year in [2021, 2027] {
            #expect(throws: RuleError.self) { try catalog.schedule(year: year, zone: .autresRegions) }
        }
    }

    @Test("A missing year is an explicit error, not a neighbouring year")
    func missingYearIsError() {
        #expect(
            throws: RuleError(
                code: "ceilings_unavailable", message: "Plafonds 2027 non disponibles pour la zone « autres régions ».")
        ) {
            try catalog.schedule(year: 2027, zone: .autresRegions)
        }
    }

    @Test("Household ceiling = category amount + extra persons × per-person amount")
    func extraPersons() throws {
        let plus = try catalog.schedule(year: 2024, zone: .autresRegions).plus
        #expect(plus.ceiling(category: 6, extraPersons: 0) == 58_200)
        #expect(plus.ceiling(category: 6, extraPersons: 2) == 58_200 + 2 * 6_492)
    }
}
