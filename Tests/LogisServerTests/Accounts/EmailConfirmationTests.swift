import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

final class EmailConfirmationTests: XCTestCase {
    let email = "lea.confirmation@exemple.fr"
    let password = "Logement-Test-2026"

    func signUp(_ app: Application) async throws {
        try await app.send(
            .POST, "api/v1/accounts",
            beforeRequest: {
                try $0.content.encode(["email": self.email, "password": self.password, "displayName": "Léa"])
            },
            afterResponse: { XCTAssertEqual($0.status, .accepted) })
    }

    func testAnUnconfirmedAccountCannotSignInAndGetsANewLink() async throws {
        try await withApp { app in
            try await signUp(app)
            try await app.send(
                .POST, "connexion",
                beforeRequest: { Browser.post(&$0, form: ["email": self.email, "password": self.password]) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .forbidden)
                    XCTAssertTrue(res.body.string.contains("pas encore confirmée"), res.body.string)
                    XCTAssertNil(Browser.sessionCookie(res))
                })
            try await app.send(
                .POST, "api/v1/session",
                beforeRequest: { try $0.content.encode(["email": self.email, "password": self.password]) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .forbidden)
                    XCTAssertTrue(res.body.string.contains("\"code\":\"email_not_confirmed\""), res.body.string)
                })
            // A wrong password learns nothing about the account's state.
            try await app.send(
                .POST, "api/v1/session",
                beforeRequest: { try $0.content.encode(["email": self.email, "password": "Autre-Mot-2026"]) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unauthorized)
                    XCTAssertTrue(res.body.string.contains("\"code\":\"invalid_credentials\""))
                })
            let links = try await app.outboxMessages(to: email, template: "email-confirmation")
            XCTAssertEqual(links.count, 3, "the sign-up's link, then one per sign-in with the right password")
            let usable = try await AccountToken.query(on: app.db).filter(\.$expiresAt > Date()).count()
            XCTAssertEqual(usable, 1, "a new link ends the earlier ones")
        }
    }

    func testTheConfirmationLinkConfirmsOnce() async throws {
        try await withApp { app in
            try await signUp(app)
            let path = try await app.linkPath(sentTo: email, template: "email-confirmation")
            try await app.send(.GET, String(path.dropFirst())) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Confirmer mon adresse"))
            }
            let stillUnconfirmed = try await Account.query(on: app.db).filter(\.$emailConfirmedAt == nil).count()
            XCTAssertEqual(stillUnconfirmed, 1, "opening the link changes nothing; the button does")
            try await app.confirmEmail(email)
            _ = try await Browser.signIn(app, email: email, password: password)
            try await app.send(
                .POST, String(path.dropFirst()), beforeRequest: { Browser.post(&$0, form: [:]) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .gone)
                    XCTAssertTrue(res.body.string.contains("link_used"))
                    XCTAssertTrue(res.body.string.contains("déjà servi"))
                })
        }
    }

    func testTheConfirmationLinkExpiresAfter24Hours() async throws {
        try await withApp { app in
            let clock = MovableClock(try CalendarDate(iso: "2026-03-02"))
            app.clock = clock.logisClock
            try await signUp(app)
            let path = try await app.linkPath(sentTo: email, template: "email-confirmation")
            clock.advance(by: 24 * 3600)
            try await app.send(.GET, String(path.dropFirst())) { res in
                XCTAssertEqual(res.status, .gone)
                XCTAssertTrue(res.body.string.contains("link_expired"))
            }
        }
    }
}
