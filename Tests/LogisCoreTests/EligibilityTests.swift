import LogisCore
import Testing

@Suite("Eligibility (DOMAIN.md §4: RFR N-2 ≤ ceiling of the category)")
struct EligibilityTests {
    let catalog = CeilingsCatalog.bundled

    /// A household of `category` persons falls in that category (1 → 1, 2 → 2, n ≥ 3 → n).
    static func query(_ row: CeilingRow, category: Int, income: Int) throws -> EligibilityQuery {
        EligibilityQuery(year: row.year, zone: row.zone, household: try Household(persons: category), income: income)
    }

    @Test("PLUS: income = ceiling is eligible, ceiling + 1 € is not", arguments: PublishedCeilings.plus)
    func plusBoundaries(_ row: CeilingRow) throws {
        for category in 1...6 {
            let ceiling = row.amounts[category - 1]
            let atCeiling = try catalog.evaluate(try Self.query(row, category: category, income: ceiling))
            #expect(atCeiling.ceilings.plus == ceiling)
            #expect(atCeiling.eligible.plus == true)
            #expect(atCeiling.margins.plus == 0)
            let above = try catalog.evaluate(try Self.query(row, category: category, income: ceiling + 1))
            #expect(above.eligible.plus == false)
            #expect(above.margins.plus == -1)
        }
    }

    @Test("PLAI: income = ceiling is eligible, ceiling + 1 € is not", arguments: PublishedCeilings.plai)
    func plaiBoundaries(_ row: CeilingRow) throws {
        for category in 1...6 {
            let ceiling = row.amounts[category - 1]
            let atCeiling = try catalog.evaluate(try Self.query(row, category: category, income: ceiling))
            #expect(atCeiling.ceilings.plai == ceiling)
            #expect(atCeiling.eligible.plai == true)
            let above = try catalog.evaluate(try Self.query(row, category: category, income: ceiling + 1))
            #expect(above.eligible.plai == false)
        }
    }

    @Test("Seed 003, 2023: PLS c3 45 676 = 35 135 × 1.3, eligible at 45 676, not at 45 677")
    func plsBoundarySeed() throws {
        let at = try catalog.evaluate(
            EligibilityQuery(year: 2023, zone: .autresRegions, household: try Household(persons: 3), income: 45_676))
        #expect(at.ceilings.pls == 45_676)
        #expect(at.eligible == FinancingValues(plai: false, plus: false, pls: true))
        let above = try catalog.evaluate(
            EligibilityQuery(year: 2023, zone: .autresRegions, household: try Household(persons: 3), income: 45_677))
        #expect(above.eligible.pls == false)
    }

    @Test("Extra persons: 8 persons, PLUS 2024 autres régions = 58 200 + 2 × 6 492")
    func extraPersonCeiling() throws {
        let report = try catalog.evaluate(
            EligibilityQuery(year: 2024, zone: .autresRegions, household: try Household(persons: 8), income: 1))
        #expect(report.category == 6)
        #expect(report.extraPersons == 2)
        #expect(report.ceilings.plus == 58_200 + 2 * 6_492)
        #expect(report.ceilings.plai == 32_010 + 2 * 3_569)
        #expect(report.ceilings.pls == 75_660 + 2 * 8_440)
    }

    @Test("Jeune ménage uses the category 3 ceiling")
    func jeuneMenageCeiling() throws {
        let household = try Household(persons: 2, coupleAges: try CoupleAges(27, 26))
        let report = try catalog.evaluate(
            EligibilityQuery(year: 2024, zone: .autresRegions, household: household, income: 36_362))
        #expect(report.category == 3)
        #expect(report.categoryReason == "jeune ménage")
        #expect(report.eligible.plus == true)
    }

    /// Seed 003's table: « Jeune ménage : couple dont la somme des âges est au plus égale à 55 ans »
    /// (category 3). Where the ages are unknown the category may be higher: the report says so
    /// and asks, instead of silently keeping category 2. Columns: persons, dependents, disabled,
    /// couple ages, category, whether the report asks for the ages.
    static let openCategories: [(Int, Int, Int, CoupleAges?, Int, Bool)] = [
        (2, 0, 0, nil, 2, true),
        (2, 0, 0, try! CoupleAges(27, 26), 3, false),
        (2, 0, 0, try! CoupleAges(40, 30), 2, false),
        (2, 1, 0, nil, 3, false),
        (2, 0, 1, nil, 3, false),
        (1, 0, 0, nil, 1, false),
        (3, 0, 0, nil, 3, false),
    ]

    @Test("Unknown ages: the category may be higher, and the report asks for them", arguments: openCategories)
    func categoryMayBeHigher(row: (Int, Int, Int, CoupleAges?, Int, Bool)) throws {
        let (persons, dependents, disabled, ages, category, asks) = row
        let household = try Household(
            persons: persons, dependents: dependents, coupleAges: ages, disabledPersons: disabled)
        let report = try catalog.evaluate(
            EligibilityQuery(year: 2024, zone: .autresRegions, household: household, income: 20_000))
        #expect(report.category == category)
        #expect((report.categoryMayBeHigher != nil) == asks)
        if asks { #expect(report.categoryMayBeHigher?.contains("indiquez les âges") == true) }
    }

    @Test("PLAI 2025 missing: PLUS and PLS still answered, PLAI listed as missing")
    func oneFinancingMissing() throws {
        let report = try catalog.evaluate(
            EligibilityQuery(year: 2025, zone: .autresRegions, household: try Household(persons: 1), income: 20_000))
        #expect(report.missing == [.plai])
        #expect(report.ceilings == FinancingValues(plai: nil, plus: 23_201, pls: 30_161))
        #expect(report.eligible == FinancingValues(plai: nil, plus: true, pls: true))
        #expect(report.explanation.contains("Plafonds PLAI 2025 non disponibles"))
    }

    @Test(
        "Explanation above PLUS: « au-dessus du plafond PLUS 2026 : seuls les logements PLS vous seraient accessibles »"
    )
    func explanationAbovePlus() throws {
        let report = try catalog.evaluate(
            EligibilityQuery(year: 2026, zone: .autresRegions, household: try Household(persons: 1), income: 25_000))
        #expect(report.eligible == FinancingValues(plai: nil, plus: false, pls: true))
        #expect(
            report.explanation.contains(
                "au-dessus du plafond PLUS 2026 : seuls les logements PLS vous seraient accessibles"))
    }

    @Test("Explanations for all, some and none")
    func explanations() throws {
        func explain(_ income: Int) throws -> String {
            try catalog.evaluate(
                EligibilityQuery(year: 2024, zone: .autresRegions, household: try Household(persons: 1), income: income)
            ).explanation
        }
        #expect(try explain(10_000).contains("dans les plafonds PLAI 2024 : les logements PLAI, PLUS et PLS"))
        #expect(try explain(20_000).contains("au-dessus du plafond PLAI 2024 : seuls les logements PLUS et PLS"))
        #expect(try explain(40_000).contains("au-dessus du plafond PLS 2024 : aucun logement social"))
        #expect(try explain(30_000).contains("30\u{00A0}000\u{00A0}€"))
    }

    @Test("The report says which financings the household can get")
    func eligibleFinancings() throws {
        let report = try catalog.evaluate(
            EligibilityQuery(year: 2024, zone: .autresRegions, household: try Household(persons: 1), income: 20_000))
        #expect(report.eligibleFinancings == [.plus, .pls])
    }
}

@Suite("Eligibility query parameters (shared by CLI and server)")
struct EligibilityQueryTests {
    @Test func parsesAllParameters() throws {
        let query = try EligibilityQuery(parameters: [
            "year": "2024", "zone": "autres-regions", "persons": "3", "dependents": "1", "couple-ages": "30,28",
            "disabled": "1", "income": "30 000", "unrelated": "ignored",
        ])
        #expect(query.year == 2024)
        #expect(query.zone == .autresRegions)
        #expect(
            query.household
                == (try Household(persons: 3, dependents: 1, coupleAges: try CoupleAges(30, 28), disabledPersons: 1)))
        #expect(query.income == 30_000)
    }

    @Test func acceptsCamelCaseCoupleAgesAndEmptyOptionalValues() throws {
        let query = try EligibilityQuery(parameters: [
            "year": "2024", "zone": "idf", "persons": "2", "coupleAges": "25,24", "dependents": "", "income": "1",
        ])
        #expect(query.household.coupleAges == (try CoupleAges(25, 24)))
        #expect(query.household.dependents == 0)
    }

    static let errors: [([String: String], String, String)] = [
        (["zone": "idf", "persons": "1", "income": "1"], "missing_parameter", "year"),
        (["year": "2024", "persons": "1", "income": "1"], "missing_parameter", "zone"),
        (["year": "2024", "zone": "idf", "income": "1"], "missing_parameter", "persons"),
        (["year": "2024", "zone": "idf", "persons": "1"], "missing_parameter", "income"),
        (["year": "2024", "zone": "idf", "persons": "1", "income": ""], "missing_parameter", "income"),
        (["year": "24", "zone": "idf", "persons": "1", "income": "1"], "invalid_parameter", "year"),
        (["year": "2024", "zone": "lyon", "persons": "1", "income": "1"], "invalid_parameter", "lyon"),
        (["year": "2024", "zone": "idf", "persons": "trois", "income": "1"], "invalid_parameter", "persons"),
        (["year": "2024", "zone": "idf", "persons": "1", "income": "abc"], "invalid_parameter", "income"),
        (["year": "2024", "zone": "idf", "persons": "1", "income": "-5"], "invalid_parameter", "income"),
        (["year": "2024", "zone": "idf", "persons": "1", "income": "1e5"], "invalid_parameter", "income"),
        (
            ["year": "2024", "zone": "idf", "persons": "2", "income": "1", "couple-ages": "30"], "invalid_parameter",
            "couple-ages"
        ),
        (["year": "2024", "zone": "idf", "persons": "0", "income": "1"], "invalid_household", "1 et 30"),
        (
            ["year": "2024", "zone": "idf", "persons": "2", "dependents": "2", "income": "1"], "invalid_household",
            "à charge"
        ),
    ]

    @Test("Bad parameters give a stable code and a French message", arguments: errors)
    func badParameters(_ parameters: [String: String], code: String, mentioned: String) {
        do {
            _ = try EligibilityQuery(parameters: parameters)
            Issue.record("accepted \(parameters)")
        } catch {
            #expect(error.code == code)
            #expect(error.message.contains(mentioned))
        }
    }
}
