import LogisRulesCLI
import XCTVapor

@testable import LogisServer

final class EligibilityTests: XCTestCase {
    func testAPIAnswersTheSameJSONAsTheCommandLine() async throws {
        try await withApp { app in
            let cases: [[String]] = [
                [
                    "--year", "2024", "--zone", "autres-regions", "--persons", "3", "--dependents", "1", "--income",
                    "30000",
                ],
                ["--year", "2025", "--zone", "idf", "--persons", "2", "--couple-ages", "27,25", "--income", "41000"],
                ["--year", "2026", "--zone", "paris", "--persons", "1", "--disabled", "1", "--income", "26920"],
            ]
            for arguments in cases {
                let cli = RulesCommandLine.execute(["eligibility"] + arguments)
                XCTAssertEqual(cli.exitCode, 0, cli.output)
                var query: [String] = []
                for index in stride(from: 0, to: arguments.count, by: 2) {
                    query.append("\(arguments[index].dropFirst(2))=\(arguments[index + 1])")
                }
                try await app.send(.GET, "api/v1/eligibility?" + query.joined(separator: "&")) { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertEqual(
                        res.body.string.trimmingCharacters(in: .whitespacesAndNewlines),
                        cli.output.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
        }
    }

    func testMissingTableAndBadInputAreClearErrors() async throws {
        try await withApp { app in
            try await app.send(.GET, "api/v1/eligibility?year=2031&zone=idf&persons=2&income=1") { res in
                XCTAssertEqual(res.status, .unprocessableEntity)
                XCTAssertTrue(res.body.string.contains("\"code\":\"ceilings_unavailable\""))
            }
            try await app.send(.GET, "api/v1/eligibility?year=2024&zone=lune&persons=2&income=1") { res in
                XCTAssertEqual(res.status, .badRequest)
            }
            try await app.send(.GET, "api/v1/eligibility?year=2024&zone=idf&persons=deux&income=1") { res in
                XCTAssertEqual(res.status, .badRequest)
                XCTAssertTrue(res.body.string.contains("persons"))
            }
        }
    }

    func testSimulatorShowsCategoryFinancingsTypologiesAndTheTable() async throws {
        try await withApp { app in
            try await app.send(.GET, "simulateur?year=2023&zone=autres-regions&persons=4&dependents=2&income=30000") {
                res in
                XCTAssertEqual(res.status, .ok)
                let page = res.body.string
                XCTAssertTrue(page.contains("Catégorie de ménage : <strong>4</strong>"), page)
                // Seed 003, plafonds 2023: PLUS catégorie 4 = 42 417 €, PLAI catégorie 4 = 23 457 €.
                XCTAssertTrue(page.contains("42\u{202F}417"))
                XCTAssertTrue(page.contains("23\u{202F}457"))
                XCTAssertTrue(page.contains("T3, T4"), "family with 2 children: T3/T4 (seed 003)")
            }
            try await app.send(.GET, "simulateur?year=2026&zone=autres-regions&persons=1&income=12000") { res in
                XCTAssertTrue(res.body.string.contains("plafond non publié"), "PLAI 2026 is missing")
            }
            // Two persons, ages unknown: the page asks, rather than silently keeping category 2.
            try await app.send(.GET, "simulateur?year=2024&zone=autres-regions&persons=2&income=30000") { res in
                XCTAssertTrue(res.body.string.contains("id=\"category-may-be-higher\""), res.body.string)
            }
            try await app.send(
                .GET, "simulateur?year=2024&zone=autres-regions&persons=2&coupleAges=27,26&income=30000"
            ) { res in
                XCTAssertTrue(res.body.string.contains("Catégorie de ménage : <strong>3</strong>"))
                XCTAssertFalse(res.body.string.contains("category-may-be-higher"), "the ages answer it")
            }
            try await app.send(.GET, "simulateur?persons=0&income=x") { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("simulator-error"))
            }
        }
    }
}
