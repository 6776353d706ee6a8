import XCTVapor

@testable import LogisServer

/// After signing in, each person lands where their work is, on a page their role opens.
final class RoleHomeTests: XCTestCase {
    static let expected: [Role: String] = [
        .demandeur: "/mon-espace", .accueil: "/guichet", .enregistreur: "/guichet", .travailleurSocial: "/guichet",
        .admin: "/guichet", .bailleur: "/attributions", .reservataire: "/attributions", .caleol: "/caleol",
        .epci: "/epci",
    ]

    func testEachDemoRoleLandsOnItsHomeWhichOpensForIt() async throws {
        try await withApp(demo: true) { app in
            for role in Role.allCases {
                var landing = ""
                var session = ""
                try await app.send(
                    .POST, "connexion",
                    beforeRequest: {
                        Browser.post(&$0, form: ["email": DemoData.email(for: role), "password": DemoData.password])
                    },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .seeOther, role.rawValue)
                        landing = res.headers.first(name: .location) ?? ""
                        session = Browser.sessionCookie(res) ?? ""
                    })
                XCTAssertEqual(landing, Self.expected[role], role.rawValue)
                try await app.send(
                    .GET, String(landing.dropFirst()), beforeRequest: { Browser.withSession(&$0, session) },
                    afterResponse: { XCTAssertEqual($0.status, .ok, "\(role.rawValue) on \(landing)") })
            }
        }
    }

    func testTheAskedPageStillWinsOverTheHome() async throws {
        try await withApp(demo: true) { app in
            try await app.send(
                .POST, "connexion",
                beforeRequest: {
                    Browser.post(
                        &$0,
                        form: ["email": "bailleur@demo.logis.fr", "password": DemoData.password, "suite": "/compte"])
                },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/compte") })
        }
    }

    func testTheHomePageOffersASignedInPersonTheirWorkNotANewAccount() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "") { res in
                XCTAssertTrue(res.body.string.contains(">Créer mon compte</a>"))
            }
            let desk = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "", beforeRequest: { Browser.withSession(&$0, desk) }) { res in
                let page = res.body.string
                XCTAssertFalse(page.contains("Créer mon compte"))
                XCTAssertFalse(page.contains("href=\"/inscription\""))
                XCTAssertTrue(page.contains("<a class=\"button\" href=\"/guichet\">Accéder à mes dossiers</a>"))
            }
            let applicant = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "", beforeRequest: { Browser.withSession(&$0, applicant) }) { res in
                XCTAssertTrue(res.body.string.contains("href=\"/mon-espace\">Accéder à mon espace</a>"))
            }
        }
    }

    func testTheEpciPageSaysWhatIsComingAndOpensOnlyForTheEpci() async throws {
        try await withApp(demo: true) { app in
            let epci = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "epci", beforeRequest: { Browser.withSession(&$0, epci) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Ce qui arrive"))
                XCTAssertTrue(res.body.string.contains("href=\"/epci\">Espace EPCI</a>"), "the menu leads there")
            }
            let admin = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "epci", beforeRequest: { Browser.withSession(&$0, admin) }) { res in
                XCTAssertEqual(res.status, .forbidden)
            }
        }
    }
}
