import XCTVapor

@testable import LogisServer

final class SecurityHeadersTests: XCTestCase {
    func testPagesErrorsAndFilesCarryTheSecurityHeaders() async throws {
        try await withApp { app in
            for path in ["", "page-inconnue", "css/logis.css", "api/v1/inconnu"] {
                try await app.send(.GET, path) { res in
                    let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                    XCTAssertTrue(csp.contains("frame-ancestors 'none'"), path)
                    XCTAssertTrue(csp.contains("script-src 'self'"), path)
                    XCTAssertFalse(csp.contains("unsafe-inline"), path)
                    XCTAssertEqual(res.headers.first(name: "X-Content-Type-Options"), "nosniff", path)
                    XCTAssertEqual(res.headers.first(name: "Referrer-Policy"), "same-origin", path)
                }
            }
        }
    }
}

final class HTTPSDeploymentTests: XCTestCase {
    func testHTTPSDeploymentGetsHSTSAndSecureCookies() async throws {
        var settings = TestApp.settings()
        settings.secureCookies = true
        let app = try await TestApp.make(settings)
        do {
            try await app.loadDemoData()
            try await app.send(.GET, "connexion") { res in
                XCTAssertEqual(
                    res.headers.first(name: "Strict-Transport-Security"), "max-age=31536000; includeSubDomains")
                XCTAssertEqual(res.headers.setCookie?["__Host-logis_csrf"]?.isSecure, true)
            }
            var tab = BrowserTab(app)
            try await tab.open("connexion")
            let response = try await tab.post(
                "connexion", ["email": "epci@demo.logis.fr", "password": DemoData.password])
            XCTAssertNil(response.headers.setCookie?["logis_session"])
            let session = try XCTUnwrap(response.headers.setCookie?["__Host-logis_session"])
            XCTAssertTrue(session.isSecure)
            XCTAssertEqual(session.path, "/")
            XCTAssertNil(session.domain)
            // The prefixed cookie is the one read back: the account page opens, and signing out clears it.
            try await tab.open("compte")
            let signOut = try await tab.post("deconnexion")
            XCTAssertEqual(signOut.status, .seeOther)
            XCTAssertNil(tab.cookies["__Host-logis_session"])
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }
}
