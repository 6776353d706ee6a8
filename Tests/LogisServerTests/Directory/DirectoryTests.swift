import Fluent
import XCTVapor

@testable import LogisServer

final class DirectoryTests: XCTestCase {
    func testDirectoryShowsTheSeedsDesks() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "guichets") { res in
                XCTAssertEqual(res.status, .ok)
                let page = res.body.string
                // Seed 003, « Liste des guichets » and seed 000, Pôle Habitat de Libercourt.
                for text in [
                    "France Services Petite Camargue", "261 rue du Mail", "09 70 72 48 11",
                    "france-services@cc-petitecamargue.fr", "CCAS d’Aimargues", "ccas@aimargues.fr",
                    "Mairie du Cailar", "Agence du bailleur Habitat du Gard", "logement@libercourt.fr",
                    "03 21 18 64 01", "Accueil du public uniquement sur rendez-vous.",
                ] {
                    XCTAssertTrue(page.contains(text), text)
                }
            }
        }
    }

    func testDirectoryFiltersByCommune() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "guichets?commune=Aubord") { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Mairie d’Aubord"))
                XCTAssertFalse(res.body.string.contains("France Services Petite Camargue"))
                XCTAssertFalse(res.body.string.contains("logement@libercourt.fr"))
            }
        }
    }

    func testTerritoryPageAndJSON() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "territoires/petite-camargue") { res in
                XCTAssertEqual(res.status, .ok)
                for text in ["Aimargues", "Vauvert", "Le Cailar", "SEMIGA", "Action Logement", "05 61 14 52 52"] {
                    XCTAssertTrue(res.body.string.contains(text), text)
                }
            }
            try await app.send(.GET, "api/v1/territories/libercourt") { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("\"departement\":\"062\""))
            }
            try await app.send(.GET, "territoires/atlantide") { res in
                XCTAssertEqual(res.status, .notFound)
                XCTAssertTrue(res.body.string.contains("n’est pas desservi"))
            }
        }
    }

    func testDemoDataLoadsOnce() async throws {
        try await withApp(demo: true) { app in
            try await app.loadDemoData()
            let territories = try await Territory.query(on: app.db).count()
            let guichets = try await Guichet.query(on: app.db).count()
            let accounts = try await Account.query(on: app.db).count()
            XCTAssertEqual(territories, 2)
            XCTAssertEqual(guichets, 11)
            XCTAssertEqual(accounts, DemoData.accounts.count)
        }
    }
}
