import Fluent
import XCTVapor

@testable import LogisServer

final class SignUpTests: XCTestCase {
    let strongPassword = "Logement-2026!"

    func signUpForm(_ email: String, name: String = "Nadia Test") -> [String: String] {
        [
            "displayName": name, "email": email, "password": strongPassword,
            "passwordConfirmation": strongPassword,
        ]
    }

    func testSignUpStoresABcryptHashAndWaitsForTheConfirmation() async throws {
        try await withApp { app in
            try await app.send(
                .POST, "inscription",
                beforeRequest: { Browser.post(&$0, form: self.signUpForm("Nadia.Test@Exemple.fr")) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("Un message vient d’être envoyé"), res.body.string)
                    XCTAssertNil(Browser.sessionCookie(res), "no session before the address is confirmed")
                })
            let found = try await Account.query(on: app.db).filter(\.$email == "nadia.test@exemple.fr").first()
            let account = try XCTUnwrap(found)
            XCTAssertEqual(account.role, .demandeur)
            XCTAssertNil(account.emailConfirmedAt)
            XCTAssertTrue(account.passwordHash.hasPrefix("$2b$"), account.passwordHash)
            XCTAssertTrue(try Bcrypt.verify(self.strongPassword, created: account.passwordHash))
            let messages = try await app.outboxMessages(to: "nadia.test@exemple.fr", template: "email-confirmation")
            XCTAssertEqual(messages.count, 1)
            let tokens = try await AccountToken.query(on: app.db).all()
            XCTAssertEqual(tokens.count, 1)
            let path = try await app.linkPath(sentTo: "nadia.test@exemple.fr", template: "email-confirmation")
            let token = String(try XCTUnwrap(path.split(separator: "/").last))
            XCTAssertEqual(tokens.first?.tokenHash, HexDigest.sha256(token), "only the hash is stored")
            XCTAssertFalse(messages[0].body.contains("&#"), "plain text, not HTML-escaped")
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

    func testSignUpPageWithAnExistingAddressAnswersLikeANewOneAndCreatesNothing() async throws {
        try await withApp(demo: true) { app in
            let before = try await Account.query(on: app.db).count()
            var answers: [(HTTPStatus, String)] = []
            for email in ["demandeur@demo.logis.fr", "nouvelle@exemple.fr"] {
                try await app.send(
                    .POST, "inscription", beforeRequest: { Browser.post(&$0, form: self.signUpForm(email)) },
                    afterResponse: { answers.append(($0.status, $0.body.string)) })
            }
            XCTAssertEqual(answers[0].0, .ok)
            XCTAssertEqual(answers[0].0, answers[1].0)
            XCTAssertEqual(answers[0].1, answers[1].1, "the same page, word for word")
            let after = try await Account.query(on: app.db).count()
            XCTAssertEqual(after, before + 1, "only the new address gets an account")
            try await self.checkTheOwnerIsToldAndKeepsTheirPassword(app)
        }
    }

    func testAPISignUpWithAnExistingAddressAnswersLikeANewOne() async throws {
        try await withApp(demo: true) { app in
            var answers: [(HTTPStatus, String)] = []
            for email in ["demandeur@demo.logis.fr", "nouvelle@exemple.fr"] {
                try await app.send(
                    .POST, "api/v1/accounts",
                    beforeRequest: {
                        try $0.content.encode(["email": email, "password": self.strongPassword, "displayName": "X"])
                    },
                    afterResponse: { answers.append(($0.status, $0.body.string)) })
            }
            XCTAssertEqual(answers[0].0, .accepted)
            XCTAssertEqual(answers[0].0, answers[1].0)
            XCTAssertEqual(answers[0].1, answers[1].1)
            XCTAssertTrue(answers[0].1.contains("\"status\":\"confirmation_sent\""), answers[0].1)
            try await self.checkTheOwnerIsToldAndKeepsTheirPassword(app)
        }
    }

    private func checkTheOwnerIsToldAndKeepsTheirPassword(_ app: Application) async throws {
        let told = try await app.outboxMessages(to: "demandeur@demo.logis.fr", template: "sign-up-attempt")
        XCTAssertEqual(told.count, 1)
        XCTAssertTrue(told.first?.body.contains("Quelqu’un a tenté de créer un compte") ?? false)
        let confirmations = try await app.outboxMessages(to: "demandeur@demo.logis.fr", template: "email-confirmation")
        XCTAssertEqual(confirmations.count, 0)
        let newOne = try await app.outboxMessages(to: "nouvelle@exemple.fr", template: "email-confirmation")
        XCTAssertEqual(newOne.count, 1)
        // The owner's password is untouched: the demo password still opens the account.
        _ = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
    }

    /// On SQLite a transaction that reads, then writes after another writer committed fails as
    /// busy (the kill -9 run saw 500s): sign-ups at once, some of one address, all get the answer.
    func testParallelSignUpsAllGetTheAnswer() async throws {
        try await withApp { app in
            let emails = (0..<4).map { "parallele\($0)@exemple.fr" } + Array(repeating: "meme@exemple.fr", count: 3)
            let password = strongPassword
            try await withThrowingTaskGroup(of: Void.self) { group in
                for email in emails {
                    group.addTask {
                        let req = Request(application: app, on: app.eventLoopGroup.next())
                        try await AccountRegistration.register(
                            email: email, password: password, displayName: "Parallèle", on: req)
                    }
                }
                try await group.waitForAll()
            }
            let accounts = try await Account.query(on: app.db).count()
            XCTAssertEqual(accounts, 5, "one account per address")
        }
    }
}
