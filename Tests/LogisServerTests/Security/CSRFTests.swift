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

    func testFormPageSetsANonceCookieAndATokenThatIsNotIt() async throws {
        try await withApp { app in
            try await app.send(.GET, "connexion") { res in
                XCTAssertEqual(res.status, .ok)
                let cookie = try XCTUnwrap(res.headers.setCookie?["logis_csrf"])
                XCTAssertTrue(cookie.isHTTPOnly)
                XCTAssertEqual(cookie.sameSite, .strict)
                let token = try XCTUnwrap(BrowserTab.formToken(in: res.body.string))
                XCTAssertEqual(token.count, 43)
                XCTAssertNotEqual(token, cookie.string, "the cookie alone must not be a token")
            }
        }
    }

    func testPageTokensSignInAndOut() async throws {
        try await withApp(demo: true) { app in
            var tab = try await signedIn(app, "epci@demo.logis.fr")
            let response = try await tab.post("deconnexion")
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertNil(tab.cookies["logis_session"])
        }
    }

    func testTokenOfOneSessionIsRefusedWithAnother() async throws {
        try await withApp(demo: true) { app in
            let alice = try await signedIn(app, "epci@demo.logis.fr")
            var bob = try await signedIn(app, "demandeur@demo.logis.fr")
            // A page of Alice's leaked its token; Bob's browser is made to send it, cookie and all.
            bob.cookies["logis_csrf"] = alice.cookies["logis_csrf"]
            let response = try await bob.post("deconnexion", token: alice.pageToken)
            XCTAssertEqual(response.status, .forbidden)
            try await bob.open("compte")
        }
    }

    func testTokenMintedBeforeSignInIsRefusedAfterIt() async throws {
        try await withApp(demo: true) { app in
            var tab = BrowserTab(app)
            try await tab.open("connexion")
            let (before, nonce) = (tab.pageToken, tab.cookies["logis_csrf"])
            let signIn = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password])
            XCTAssertEqual(signIn.status, .seeOther)
            // Whoever saw (or planted) the anonymous pair before sign-in holds nothing afterwards.
            tab.cookies["logis_csrf"] = nonce
            let response = try await tab.post("deconnexion", token: before)
            XCTAssertEqual(response.status, .forbidden)
            try await tab.open("compte")
        }
    }

    func testSessionTokenIsRefusedOnceSignedOut() async throws {
        try await withApp(demo: true) { app in
            var tab = try await signedIn(app, "epci@demo.logis.fr")
            let (sessionToken, nonce) = (tab.pageToken, tab.cookies["logis_csrf"])
            let signOut = try await tab.post("deconnexion")
            XCTAssertEqual(signOut.status, .seeOther)
            tab.cookies["logis_csrf"] = nonce
            let response = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password], token: sessionToken)
            XCTAssertEqual(response.status, .forbidden)
        }
    }

    func testCookieValueSentAsTheTokenIsRefused() async throws {
        try await withApp(demo: true) { app in
            var tab = BrowserTab(app)
            try await tab.open("connexion")
            let response = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password],
                token: tab.cookies["logis_csrf"])
            XCTAssertEqual(response.status, .forbidden)
            XCTAssertNil(Browser.sessionCookie(response))
        }
    }

    func testAlteredTokenIsRefused() async throws {
        try await withApp(demo: true) { app in
            var tab = try await signedIn(app, "epci@demo.logis.fr")
            let token = try XCTUnwrap(tab.pageToken)
            let forged = String(token.dropLast()) + (token.hasSuffix("A") ? "B" : "A")
            let response = try await tab.post("deconnexion", token: forged)
            XCTAssertEqual(response.status, .forbidden)
            try await tab.open("compte")
        }
    }

    func testEmptyCookieWithEmptyTokenIsRefused() async throws {
        try await withApp(demo: true) { app in
            var tab = BrowserTab(app)
            tab.cookies["logis_csrf"] = ""
            let response = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password], token: "")
            XCTAssertEqual(response.status, .forbidden)
            XCTAssertNil(Browser.sessionCookie(response))
        }
    }

    func testUploadCarryingAnotherSessionsTokenIsRefusedOnItsFirstPart() async throws {
        try await withApp(demo: true) { app in
            let alice = try await signedIn(app, "epci@demo.logis.fr")
            let bob = try await signedIn(app, "demandeur@demo.logis.fr")
            var cookies = bob.cookies
            cookies["logis_csrf"] = alice.cookies["logis_csrf"]
            let body = Multipart.body(
                fields: ["_csrf": alice.pageToken ?? "", "piece": "piece_identite@0"],
                file: ("file", "cni.pdf", Data("%PDF-1.4".utf8)))
            try await app.send(
                .POST, "mon-espace/pieces",
                beforeRequest: { req in
                    req.headers.cookie = BrowserTab.header(cookies)
                    req.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
                    req.body = ByteBuffer(data: body)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .forbidden)
                    XCTAssertTrue(res.body.string.contains("Le formulaire a expiré"))
                })
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

    /// Over HTTPS the cookie is `__Host-`: only this exact origin can have set it, so a sibling
    /// domain cannot plant a nonce whose token it knows.
    func testHTTPSFormCookieIsHostPrefixedAndWorks() async throws {
        var settings = TestApp.settings()
        settings.secureCookies = true
        let app = try await TestApp.make(settings)
        do {
            try await app.loadDemoData()
            try await app.send(.GET, "connexion") { res in
                let cookies = res.headers.setCookie
                XCTAssertNil(cookies?["logis_csrf"])
                let cookie = try XCTUnwrap(cookies?["__Host-logis_csrf"])
                XCTAssertTrue(cookie.isSecure)
                XCTAssertTrue(cookie.isHTTPOnly)
                XCTAssertEqual(cookie.path, "/")
                XCTAssertNil(cookie.domain)
                XCTAssertEqual(cookie.sameSite, .strict)
            }
            var tab = BrowserTab(app)
            try await tab.open("connexion")
            let response = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password])
            XCTAssertEqual(response.status, .seeOther)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }

    /// A browser opens a fresh tab, signs in through the page and opens its account page.
    private func signedIn(_ app: Application, _ email: String) async throws -> BrowserTab {
        var tab = BrowserTab(app)
        try await tab.open("connexion")
        let response = try await tab.post("connexion", ["email": email, "password": DemoData.password])
        XCTAssertEqual(response.status, .seeOther)
        try await tab.open("compte")
        return tab
    }
}
