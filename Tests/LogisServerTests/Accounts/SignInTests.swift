import Fluent
import XCTVapor

@testable import LogisServer

final class SignInTests: XCTestCase {
    func testEveryDemoAccountSignsIn() async throws {
        try await withApp(demo: true) { app in
            for role in Role.allCases {
                let session = try await Browser.signIn(
                    app, email: DemoData.email(for: role), password: DemoData.password)
                try await app.send(
                    .GET, "compte", beforeRequest: { Browser.withSession(&$0, session) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .ok)
                        XCTAssertTrue(res.body.string.contains(role.label.htmlEscapedForTest), role.rawValue)
                    })
            }
        }
    }

    func testWrongPasswordShowsAFrenchMessage() async throws {
        try await withApp(demo: true) { app in
            try await app.send(
                .POST, "connexion",
                beforeRequest: { Browser.post(&$0, form: ["email": "accueil@demo.logis.fr", "password": "faux"]) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unauthorized)
                    XCTAssertTrue(res.body.string.contains("Adresse e-mail ou mot de passe incorrect."))
                    XCTAssertNil(Browser.sessionCookie(res))
                })
        }
    }

    func testRepeatedFailuresAreThrottledEvenWithTheRightPassword() async throws {
        try await withApp(demo: true) { app in
            for _ in 0..<5 {
                try await app.send(
                    .POST, "api/v1/session",
                    beforeRequest: { try $0.content.encode(["email": "bailleur@demo.logis.fr", "password": "faux"]) },
                    afterResponse: { XCTAssertEqual($0.status, .unauthorized) })
            }
            try await app.send(
                .POST, "api/v1/session",
                beforeRequest: {
                    try $0.content.encode(["email": "bailleur@demo.logis.fr", "password": DemoData.password])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .tooManyRequests)
                    XCTAssertTrue(res.body.string.contains("\"code\":\"too_many_attempts\""))
                    XCTAssertTrue(res.body.string.contains("Trop de tentatives"))
                })
            // Another account from the same address is not blocked by this one's failures.
            let other = try await Browser.signIn(app, email: "caleol@demo.logis.fr", password: DemoData.password)
            XCTAssertFalse(other.isEmpty)
        }
    }

    /// Issue 15 finding 4: the owner of a throttled account is told, once a day at most; an
    /// unknown address gets the same 429 and nobody is written to.
    func testTheOwnerOfAThrottledAccountIsToldOnceADay() async throws {
        try await withApp(demo: true) { app in
            for email in ["bailleur@demo.logis.fr", "personne@inconnue.fr"] {
                for _ in 0..<8 {
                    try await app.send(
                        .POST, "api/v1/session",
                        beforeRequest: { try $0.content.encode(["email": email, "password": "faux"]) },
                        afterResponse: { XCTAssertTrue([.unauthorized, .tooManyRequests].contains($0.status)) })
                }
            }
            let alerts = try await OutboxMessage.query(on: app.db).filter(\.$template == "sign-in-throttled").all()
            XCTAssertEqual(alerts.map(\.recipient), ["bailleur@demo.logis.fr"], "one alert, to the known owner only")
            XCTAssertTrue(alerts.first?.body.contains("/mot-de-passe-oublie") == true)
        }
    }

    func testSessionSurvivesAServerRestart() async throws {
        let settings = TestApp.settings()
        let first = try await TestApp.make(settings)
        try await first.loadDemoData()
        let session = try await Browser.signIn(first, email: "enregistreur@demo.logis.fr", password: DemoData.password)
        try await first.asyncShutdown()

        let second = try await TestApp.make(settings, resetDatabase: false)
        do {
            try await second.send(
                .GET, "compte", beforeRequest: { Browser.withSession(&$0, session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("enregistreur@demo.logis.fr"))
                })
        } catch {
            try? await second.asyncShutdown()
            throw error
        }
        try await second.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }

    func testSignOutEndsTheSession() async throws {
        try await withApp(demo: true) { app in
            let session = try await Browser.signIn(
                app, email: "reservataire@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "deconnexion", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { res in XCTAssertEqual(res.status, .seeOther) })
            try await app.send(
                .GET, "compte", beforeRequest: { Browser.withSession(&$0, session) },
                afterResponse: { res in XCTAssertEqual(res.status, .seeOther) })
        }
    }

    func testPasswordChangeRequiresTheCurrentOneAndClosesOtherSessions() async throws {
        try await withApp(demo: true) { app in
            let email = "travailleur-social@demo.logis.fr"
            let kept = try await Browser.signIn(app, email: email, password: DemoData.password)
            let other = try await Browser.signIn(app, email: email, password: DemoData.password)
            let newPassword = "Nouveau-mot-2026"
            var renewed: String?
            try await app.send(
                .POST, "compte/mot-de-passe",
                beforeRequest: {
                    Browser.post(
                        &$0,
                        form: [
                            "currentPassword": "pas-le-bon-2026", "newPassword": newPassword,
                            "newPasswordConfirmation": newPassword,
                        ], session: kept)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("Le mot de passe actuel est incorrect."))
                })
            try await app.send(
                .POST, "compte/mot-de-passe",
                beforeRequest: {
                    Browser.post(
                        &$0,
                        form: [
                            "currentPassword": DemoData.password, "newPassword": newPassword,
                            "newPasswordConfirmation": newPassword,
                        ], session: kept)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .seeOther)
                    renewed = Browser.sessionCookie(res)
                })
            try await app.send(
                .GET, "compte", beforeRequest: { Browser.withSession(&$0, kept) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, "the session token is replaced") })
            let fresh = try XCTUnwrap(renewed)
            try await app.send(
                .GET, "compte", beforeRequest: { Browser.withSession(&$0, fresh) },
                afterResponse: { XCTAssertEqual($0.status, .ok) })
            try await app.send(
                .GET, "compte", beforeRequest: { Browser.withSession(&$0, other) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            _ = try await Browser.signIn(app, email: email, password: newPassword)
        }
    }
}

final class SignInRedirectTests: XCTestCase {
    func testOnlyLocalPathsAreFollowedAfterSignIn() async throws {
        try await withApp(demo: true) { app in
            let cases = [
                "/compte": "/compte", "//evil.example": "/mon-espace", "/\t/evil.example": "/mon-espace",
                "https://evil.example": "/mon-espace", "/\\evil.example": "/mon-espace",
            ]
            for (next, expected) in cases {
                try await app.send(
                    .POST, "connexion",
                    beforeRequest: {
                        Browser.post(
                            &$0,
                            form: ["email": "demandeur@demo.logis.fr", "password": DemoData.password, "suite": next])
                    },
                    afterResponse: { XCTAssertEqual($0.headers.first(name: .location), expected, next) })
            }
        }
    }
}

extension String {
    /// Leaf escapes apostrophes in labels such as « Agent d’accueil » only when they are ASCII.
    var htmlEscapedForTest: String { replacingOccurrences(of: "'", with: "&#39;") }
}
