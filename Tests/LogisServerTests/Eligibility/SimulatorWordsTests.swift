import XCTVapor

@testable import LogisServer

/// The simulator names the tax year as a year, and shows the source of its table as a person
/// reads it: the legal text, without the notes kept for whoever maintains the data.
final class SimulatorWordsTests: XCTestCase {
    func testTheTaxYearIsTwoYearsBeforeTheYearOfTheRequest() async throws {
        try await withApp { app in
            try await app.send(.GET, "simulateur?year=2026&zone=autres-regions") { res in
                XCTAssertEqual(res.status, .ok)
                let page = res.body.string
                XCTAssertTrue(page.contains("Revenu fiscal de référence 2024 du foyer"), page)
                XCTAssertTrue(page.contains("avis d’impôt 2025 sur les revenus 2024"))
                XCTAssertFalse(page.contains("N-2"))
            }
            try await app.send(.GET, "simulateur?year=2024&zone=autres-regions") { res in
                XCTAssertTrue(res.body.string.contains("Revenu fiscal de référence 2022 maximal"))
            }
        }
    }

    func testTheTableSourceLeavesOutTheDevelopersNotes() async throws {
        try await withApp { app in
            try await app.send(.GET, "simulateur?year=2026&zone=idf") { res in
                let page = res.body.string
                XCTAssertTrue(page.contains("Source : Arrêté du 29 juillet 1987"), page)
                XCTAssertTrue(page.contains("valeurs en vigueur au 1er janvier 2026."))
                for note in ["jamais estimés", "OpenFisca", "openfisca_france/", "nos sources", "case par case"] {
                    XCTAssertFalse(page.contains(note), note)
                }
            }
        }
    }
}
