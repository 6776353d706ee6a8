import XCTVapor

@testable import LogisServer

final class PrivacyPageTests: XCTestCase {
    func testAnyoneReadsThePrivacyPageWithItsRetentionDelaysAndRights() async throws {
        try await withApp { app in
            try await app.send(.GET, "confidentialite") { res in
                XCTAssertEqual(res.status, .ok)
                let page = res.body.string
                XCTAssertTrue(page.contains("<h1>Données personnelles et confidentialité</h1>"))
                // The same delays as `logis retention` (docs/rules/retention.md).
                XCTAssertTrue(page.contains("12 mois après la radiation"))
                XCTAssertTrue(page.contains("décret n° 2017-917"))
                for section in [
                    "finalites", "base-legale", "donnees", "destinataires", "conservation", "droits", "cnil",
                ] {
                    // A section, or the scrolling table that carries its heading's name (one landmark per name).
                    XCTAssertTrue(page.contains("aria-labelledby=\"\(section)\""), section)
                }
                for words in [
                    "revenus", "santé", "violences", "Télécharger mes données", "Rectification",
                    "Limitation", "www.cnil.fr/fr/plaintes", "annuaire des guichets",
                ] {
                    XCTAssertTrue(page.contains(words), words)
                }
            }
        }
    }

    func testEveryPageLinksToThePrivacyPageFromItsFooter() async throws {
        try await withApp { app in
            for path in ["", "guichets", "confidentialite", "connexion"] {
                try await app.send(.GET, path) { res in
                    XCTAssertEqual(res.status, .ok, path)
                    let footer = res.body.string.components(separatedBy: "<footer").last ?? ""
                    XCTAssertTrue(footer.contains("href=\"/confidentialite\""), path)
                }
            }
        }
    }
}
