import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

final class PasswordResetTests: XCTestCase {
    let owner = "demandeur@demo.logis.fr"
    let newPassword = "Nouveau-Logement-2026"

    func askForLink(_ app: Application, _ email: String) async throws -> (HTTPStatus, String) {
        var answer: (HTTPStatus, String) = (.ok, "")
        try await app.send(
            .POST, "mot-de-passe-oublie", beforeRequest: { Browser.post(&$0, form: ["email": email]) },
            afterResponse: { answer = ($0.status, $0.body.string) })
        return answer
    }

    func choose(
        _ app: Application, path: String, password: String, check: (XCTHTTPResponse) throws -> Void
    )
        async throws
    {
        try await app.send(
            .POST, String(path.dropFirst()),
            beforeRequest: {
                Browser.post(&$0, form: ["newPassword": password, "newPasswordConfirmation": password])
            },
            afterResponse: check)
    }

    func testTheSameAnswerForAKnownAndAnUnknownAddress() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "connexion") { XCTAssertTrue($0.body.string.contains("Mot de passe oublié ?")) }
            let known = try await askForLink(app, owner)
            let unknown = try await askForLink(app, "personne@exemple.fr")
            XCTAssertEqual(known.0, .ok)
            XCTAssertEqual(known.0, unknown.0)
            XCTAssertEqual(known.1, unknown.1, "the same page, word for word")
            XCTAssertTrue(known.1.contains("Si un compte existe pour cette adresse"))
            let sent = try await app.outboxMessages(to: owner, template: "password-reset")
            XCTAssertEqual(sent.count, 1)
            XCTAssertTrue(sent.first?.body.contains("valable 30 minutes") ?? false)
            let stray = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "personne@exemple.fr").count()
            XCTAssertEqual(stray, 0, "nothing for an address without an account")
        }
    }

    func testTheLinkWorksOnceThenNot() async throws {
        try await withApp(demo: true) { app in
            _ = try await askForLink(app, owner)
            let path = try await app.linkPath(sentTo: owner, template: "password-reset")
            try await app.send(.GET, String(path.dropFirst())) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Choisir un nouveau mot de passe"))
            }
            try await choose(app, path: path, password: "faible") { res in
                XCTAssertEqual(res.status, .unprocessableEntity, "the policy applies; the link is not spent")
            }
            try await choose(app, path: path, password: newPassword) { res in
                XCTAssertEqual(res.status, .seeOther)
                XCTAssertEqual(res.headers.first(name: .location), "/connexion?message=mot-de-passe-reinitialise")
            }
            _ = try await Browser.signIn(app, email: owner, password: newPassword)
            try await app.send(
                .POST, "connexion",
                beforeRequest: { Browser.post(&$0, form: ["email": self.owner, "password": DemoData.password]) },
                afterResponse: { XCTAssertEqual($0.status, .unauthorized, "the old password is gone") })
            try await choose(app, path: path, password: "Encore-Autre-2026") { res in
                XCTAssertEqual(res.status, .gone)
                XCTAssertTrue(res.body.string.contains("link_used"))
            }
            try await app.send(.GET, String(path.dropFirst())) { XCTAssertEqual($0.status, .gone) }
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "password_reset").count()
            XCTAssertEqual(audit, 1)
        }
    }

    func testTheLinkExpiresAfter30Minutes() async throws {
        try await withApp(demo: true) { app in
            let clock = MovableClock(try CalendarDate(iso: "2026-03-02"))
            app.clock = clock.logisClock
            _ = try await askForLink(app, owner)
            let path = try await app.linkPath(sentTo: owner, template: "password-reset")
            clock.advance(by: 29 * 60)
            try await app.send(.GET, String(path.dropFirst())) { XCTAssertEqual($0.status, .ok) }
            clock.advance(by: 60)
            try await choose(app, path: path, password: newPassword) { res in
                XCTAssertEqual(res.status, .gone)
                XCTAssertTrue(res.body.string.contains("link_expired"), res.body.string)
                XCTAssertTrue(res.body.string.contains("/mot-de-passe-oublie"), "a way to ask again")
            }
        }
    }

    func testANewRequestEndsTheEarlierLink() async throws {
        try await withApp(demo: true) { app in
            _ = try await askForLink(app, owner)
            let first = try await app.linkPath(sentTo: owner, template: "password-reset")
            _ = try await askForLink(app, owner)
            let second = try await app.linkPath(sentTo: owner, template: "password-reset")
            XCTAssertNotEqual(first, second)
            try await app.send(.GET, String(first.dropFirst())) { XCTAssertEqual($0.status, .gone) }
            try await app.send(.GET, String(second.dropFirst())) { XCTAssertEqual($0.status, .ok) }
        }
    }

    func testEverySessionIsClosedAfterTheReset() async throws {
        try await withApp(demo: true) { app in
            let session = try await Browser.signIn(app, email: owner, password: DemoData.password)
            let token = try await app.demoToken(owner)
            _ = try await askForLink(app, owner)
            let path = try await app.linkPath(sentTo: owner, template: "password-reset")
            try await choose(app, path: path, password: newPassword) { XCTAssertEqual($0.status, .seeOther) }
            try await app.send(.GET, "compte", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.status, .seeOther)
                XCTAssertTrue(res.headers.first(name: .location)?.hasPrefix("/connexion") ?? false)
            }
            try await app.send(
                .GET, "api/v1/me", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) {
                XCTAssertEqual($0.status, .unauthorized)
            }
        }
    }

    func testAnUnknownLinkIsAClearPageNotAnError() async throws {
        try await withApp { app in
            try await app.send(.GET, "mot-de-passe/reinitialiser/inconnu") { res in
                XCTAssertEqual(res.status, .badRequest)
                XCTAssertTrue(res.body.string.contains("link_unknown"))
                XCTAssertTrue(res.body.string.contains("Ce lien n’est pas reconnu"))
            }
        }
    }

    func testResetRequestsForOneAddressAreLimited() async throws {
        try await withApp { app in
            for _ in 0..<3 {
                let answer = try await askForLink(app, "quelquun@exemple.fr")
                XCTAssertEqual(answer.0, .ok)
            }
            let fourth = try await askForLink(app, "Quelquun@Exemple.fr")
            XCTAssertEqual(fourth.0, .tooManyRequests)
        }
    }

    func testAResetLinkAlsoConfirmsAnAddressWaitingForItsConfirmation() async throws {
        try await withApp { app in
            try await app.send(
                .POST, "api/v1/accounts",
                beforeRequest: {
                    try $0.content.encode([
                        "email": "oubli@exemple.fr", "password": "Premier-Mot-2026", "displayName": "Oubli",
                    ])
                },
                afterResponse: { XCTAssertEqual($0.status, .accepted) })
            _ = try await askForLink(app, "oubli@exemple.fr")
            let path = try await app.linkPath(sentTo: "oubli@exemple.fr", template: "password-reset")
            try await choose(app, path: path, password: newPassword) { XCTAssertEqual($0.status, .seeOther) }
            _ = try await Browser.signIn(app, email: "oubli@exemple.fr", password: newPassword)
        }
    }
}
