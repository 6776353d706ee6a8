import Fluent
import XCTVapor

@testable import LogisServer

final class SignUpTests: XCTestCase {
    let strongPassword = "Logement-2026!"

    func testSignUpStoresABcryptHashAndSignsIn() async throws {
        try await withApp { app in
            try await app.send(
                .POST, "inscription",
                beforeRequest: { req in
                    Browser.post(
                        &req,
                        form: [
                            "displayName": "Nadia Test", "email": "Nadia.Test@Exemple.fr",
                            "password": self.strongPassword,
                            "passwordConfirmation": self.strongPassword,
                        ])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .seeOther)
                    XCTAssertEqual(res.headers.first(name: .location), "/compte")
                    let cookie = try XCTUnwrap(res.headers.setCookie?["logis_session"])
                    XCTAssertTrue(cookie.isHTTPOnly)
                    XCTAssertEqual(cookie.sameSite, .lax)
                })
            let found = try await Account.query(on: app.db).filter(\.$email == "nadia.test@exemple.fr").first()
            let account = try XCTUnwrap(found)
            XCTAssertEqual(account.role, .demandeur)
            XCTAssertTrue(account.passwordHash.hasPrefix("$2b$"), account.passwordHash)
            XCTAssertNotEqual(account.passwordHash, self.strongPassword)
            XCTAssertTrue(try Bcrypt.verify(self.strongPassword, created: account.passwordHash))
        }
    }

    func testWeakPasswordIsRefusedWithTheRule() async throws {
        try await withApp { app in
            try await app.send(
                .POST, "inscription",
                beforeRequest: { req in
                    Browser.post(
                        &req,
                        form: [
                            "displayName": "Nadia", "email": "nadia@exemple.fr", "password": "motdepasse",
                            "passwordConfirmation": "motdepasse",
                        ])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("Au moins 12 caractères"))
                    XCTAssertTrue(res.body.string.contains("value=\"nadia@exemple.fr\""), "the e-mail is kept")
                })
            let count = try await Account.query(on: app.db).count()
            XCTAssertEqual(count, 0)
        }
    }

    func testPasswordRuleNeedsTwelveCharactersAndThreeKinds() {
        XCTAssertNotNil(PasswordPolicy.check("Court-1"))
        XCTAssertNotNil(PasswordPolicy.check("toutenminuscules"))
        XCTAssertNotNil(PasswordPolicy.check("minusculesetchiffres123"))
        XCTAssertNil(PasswordPolicy.check("logis-demo-2026"))
        XCTAssertNil(PasswordPolicy.check("Abcdefghijk1"))
    }

    func testAPISignUpRefusesATakenEmail() async throws {
        try await withApp(demo: true) { app in
            try await app.send(
                .POST, "api/v1/accounts",
                beforeRequest: { req in
                    try req.content.encode([
                        "email": "demandeur@demo.logis.fr", "password": self.strongPassword, "displayName": "X",
                    ])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .conflict)
                    XCTAssertTrue(res.body.string.contains("\"code\":\"email_taken\""))
                })
        }
    }
}
