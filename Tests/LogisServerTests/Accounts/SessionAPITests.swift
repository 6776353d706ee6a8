import XCTVapor

@testable import LogisServer

final class SessionAPITests: XCTestCase {
    func testBearerSessionOpensIsUsedAndCloses() async throws {
        try await withApp(demo: true) { app in
            struct Token: Decodable {
                let token: String
            }
            var token = ""
            try await app.send(
                .POST, "api/v1/session",
                beforeRequest: {
                    try $0.content.encode(["email": "demandeur@demo.logis.fr", "password": DemoData.password])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .created)
                    token = try res.content.decode(Token.self).token
                })
            XCTAssertGreaterThanOrEqual(token.count, 40)
            try await app.send(
                .GET, "api/v1/me", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("\"role\":\"demandeur\""))
                })
            try await app.send(
                .DELETE, "api/v1/session", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .noContent) })
            try await app.send(
                .GET, "api/v1/me", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .unauthorized) })
        }
    }

    func testOnlyATokenHashIsStored() async throws {
        try await withApp(demo: true) { app in
            let session = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            let stored = try await AuthSession.query(on: app.db).all().map(\.tokenHash)
            XCTAssertFalse(stored.contains(session))
            XCTAssertTrue(stored.contains(AuthSession.hash(token: session)))
        }
    }
}
