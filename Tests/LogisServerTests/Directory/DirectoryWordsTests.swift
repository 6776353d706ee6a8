import XCTVapor

@testable import LogisServer

/// The directory speaks as people do: « Gard (30) », and each place listed once.
final class DirectoryWordsTests: XCTestCase {
    func testTheTerritoryPageNamesItsDepartement() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "territoires/petite-camargue") { res in
                XCTAssertTrue(res.body.string.contains("· Gard (30)</p>"), res.body.string)
                XCTAssertFalse(res.body.string.contains("département 030"))
            }
            try await app.send(.GET, "territoires/libercourt") { res in
                XCTAssertTrue(res.body.string.contains("Pas-de-Calais (62)"))
            }
            // Programs keep the code.
            try await app.send(.GET, "api/v1/territories/petite-camargue") { res in
                XCTAssertTrue(res.body.string.contains("\"departement\":\"030\""), res.body.string)
            }
        }
    }

    func testADeskThatWelcomesAndRegistersIsListedOnceAsRegistering() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "guichets?commune=Vauvert") { res in
                let page = res.body.string
                XCTAssertEqual(page.components(separatedBy: "<h4>CCAS de Vauvert</h4>").count - 1, 1, page)
                let card = try XCTUnwrap(
                    page.range(of: "<h4>CCAS de Vauvert</h4>").map { String(page[$0.upperBound...].prefix(200)) })
                XCTAssertTrue(card.contains("badge-enregistrement"), card)
            }
        }
    }
}
