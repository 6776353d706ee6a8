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
