import XCTVapor

@testable import LogisServer

final class CSRFTests: XCTestCase {
    func testForgedPostWithoutTokenIsRefused() async throws {
        try await withApp(demo: true) { app in
            try await app.send(
                .POST, "connexion",
                beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(
                        string: Browser.form(
                            ["email": "demandeur@demo.logis.fr", "password": DemoData.password], csrf: nil))
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .forbidden)
                    XCTAssertNil(Browser.sessionCookie(res))
                    XCTAssertTrue(res.body.string.contains("Le formulaire a expiré"))
                })
        }
    }

    func testPostWhoseTokenDiffersFromTheCookieIsRefused() async throws {
        try await withApp(demo: true) { app in
            try await app.send(
                .POST, "connexion",
                beforeRequest: { req in
                    Browser.post(&req, form: ["email": "demandeur@demo.logis.fr", "password": DemoData.password])
                    req.body = ByteBuffer(
                        string: Browser.form(
                            ["email": "demandeur@demo.logis.fr", "password": DemoData.password],
                            csrf: String(repeating: "b", count: 43)))
                },
                afterResponse: { res in XCTAssertEqual(res.status, .forbidden) })
        }
    }

    func testFormPageSetsTokenCookieAndRepeatsItInTheForm() async throws {
        try await withApp { app in
            try await app.send(.GET, "connexion") { res in
                XCTAssertEqual(res.status, .ok)
                let cookie = try XCTUnwrap(res.headers.setCookie?["logis_csrf"])
                XCTAssertTrue(cookie.isHTTPOnly)
                XCTAssertTrue(res.body.string.contains("name=\"_csrf\" value=\"\(cookie.string)\""))
            }
        }
    }

    func testSignOutWithoutTokenKeepsTheSession() async throws {
        try await withApp(demo: true) { app in
            let session = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "deconnexion", beforeRequest: { Browser.withSession(&$0, session) },
                afterResponse: { res in XCTAssertEqual(res.status, .forbidden) })
            try await app.send(
                .GET, "compte", beforeRequest: { Browser.withSession(&$0, session) },
                afterResponse: { res in XCTAssertEqual(res.status, .ok) })
        }
    }
}
