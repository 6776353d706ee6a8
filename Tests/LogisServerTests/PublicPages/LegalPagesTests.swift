import XCTVapor

@testable import LogisServer

/// The footer of a French public service: four pages, each reachable from every page.
final class LegalPagesTests: XCTestCase {
    static let footerLinks = ["/mentions-legales", "/accessibilite", "/confidentialite", "/plan-du-site"]

    func testEveryPageLinksTheFourPagesFromItsFooterAndEachAnswers() async throws {
        try await withApp(demo: true) { app in
            let desk = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            for (path, session) in [("", nil), ("simulateur", nil), ("connexion", nil), ("guichet", desk)] {
                try await app.send(
                    .GET, path, beforeRequest: { if let session { Browser.withSession(&$0, session) } }
                ) { res in
                    XCTAssertEqual(res.status, .ok, path)
                    let footer = res.body.string.components(separatedBy: "<footer").last ?? ""
                    for link in Self.footerLinks {
                        XCTAssertTrue(footer.contains("href=\"\(link)\""), "\(link) on /\(path)")
                    }
                }
            }
            for link in Self.footerLinks {
                try await app.send(.GET, String(link.dropFirst())) { XCTAssertEqual($0.status, .ok, link) }
            }
        }
    }

    func testTheAccessibilityStatementSaysPartiallyConformantWithItsGaps() async throws {
        try await withApp { app in
            try await app.send(.GET, "accessibilite") { res in
                let page = res.body.string
                XCTAssertTrue(page.contains("Logis est partiellement conforme au RGAA 4.1"))
                XCTAssertTrue(page.contains("ne sont pas balisés"), "the PDF gap is stated")
                XCTAssertTrue(page.contains("Défenseur des droits"))
            }
        }
    }

    func testMentionsLegalesMarkWhatTheOperatorHasNotFilled() async throws {
        try await withApp { app in
            try await app.send(.GET, "mentions-legales") { res in
                let page = res.body.string
                XCTAssertTrue(page.contains("Éditeur : la collectivité qui exploite cette instance de Logis"))
                XCTAssertTrue(page.contains("À compléter par l’exploitant (variable LOGIS_OPERATOR_NAME)"))
                XCTAssertTrue(page.contains("À compléter par l’exploitant (variable LOGIS_HOST_NAME)"))
            }
        }
        var settings = TestApp.settings()
        let values = ["LOGIS_OPERATOR_NAME": "Communauté de communes de l’Essai", "LOGIS_HOST_NAME": "  "]
        settings.legalNotice = LegalNotice(reading: { values[$0] })
        let app = try await TestApp.make(settings)
        do {
            try await app.send(.GET, "mentions-legales") { res in
                let page = res.body.string
                XCTAssertTrue(page.contains("<dd>Communauté de communes de l’Essai</dd>"), page)
                XCTAssertFalse(page.contains("variable LOGIS_OPERATOR_NAME"))
                XCTAssertTrue(page.contains("variable LOGIS_HOST_NAME"), "blank counts as unset")
            }
        } catch {
            try? await app.asyncShutdown()
            TestApp.removeFiles(of: settings)
            throw error
        }
        try await app.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }

    func testTheSiteMapListsTheSignedInPersonsPages() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "plan-du-site") { res in
                XCTAssertTrue(res.body.string.contains("href=\"/inscription\""))
                XCTAssertFalse(res.body.string.contains("Mes pages"))
            }
            let bailleur = try await Browser.signIn(app, email: "bailleur@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "plan-du-site", beforeRequest: { Browser.withSession(&$0, bailleur) }) { res in
                let main = res.body.string.components(separatedBy: "<main").last ?? ""
                XCTAssertTrue(main.contains("Mes pages"))
                XCTAssertTrue(main.contains("href=\"/attributions\""))
                XCTAssertTrue(main.contains("href=\"/caleol\""))
                XCTAssertFalse(main.contains("href=\"/guichet\""), "not a page of the bailleur")
                XCTAssertFalse(main.contains("href=\"/inscription\""))
            }
        }
    }
}
