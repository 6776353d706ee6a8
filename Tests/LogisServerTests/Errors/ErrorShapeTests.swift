import XCTVapor

@testable import LogisServer

final class ErrorShapeTests: XCTestCase {
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
        }

        let error: Detail
    }

    func testUnknownPageShowsAFrenchPageInTheLayout() async throws {
        try await withApp { app in
            try await app.send(.GET, "cette-page-n-existe-pas") { res in
                XCTAssertEqual(res.status, .notFound)
                XCTAssertEqual(res.headers.contentType, .html)
                XCTAssertTrue(res.body.string.contains("La page demandée n’existe pas"))
                XCTAssertTrue(res.body.string.contains("Aller au contenu"), "the layout is kept")
            }
        }
    }

    func testAnErrorPageShowsTheMessageNotTheMachineCode() async throws {
        try await withApp { app in
            try await app.send(.GET, "cette-page-n-existe-pas") { res in
                let page = res.body.string
                XCTAssertTrue(page.contains("<title>Erreur : page introuvable"), page)
                XCTAssertFalse(page.contains("not_found"), "the code is for programs")
                XCTAssertFalse(page.contains("Code :"))
            }
        }
    }

    func testUnknownAPIRouteAnswersJSON() async throws {
        try await withApp { app in
            try await app.send(.GET, "api/v1/inconnu") { res in
                XCTAssertEqual(res.status, .notFound)
                let body = try res.content.decode(ErrorBody.self)
                XCTAssertEqual(body.error.code, "not_found")
                XCTAssertFalse(body.error.message.isEmpty)
            }
        }
    }

    func testWrongMethodAnswers405WithAllow() async throws {
        try await withApp { app in
            try await app.send(.DELETE, "guichets") { res in
                XCTAssertEqual(res.status, .methodNotAllowed)
                XCTAssertEqual(res.headers.first(name: .allow), "GET")
                XCTAssertTrue(res.body.string.contains("n’accepte pas cette méthode"))
            }
            try await app.send(.PUT, "api/v1/session") { res in
                XCTAssertEqual(res.status, .methodNotAllowed)
                XCTAssertEqual(try res.content.decode(ErrorBody.self).error.code, "method_not_allowed")
            }
        }
    }

    func testOversizeBodyAnswers413() async throws {
        try await withApp { app in
            // A real server on a free port: in-memory requests arrive already collected, unbounded.
            try await app.testable(method: .running(port: 0)).test(
                .POST, "api/v1/session",
                beforeRequest: { (req: inout XCTHTTPRequest) async throws in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: "{\"email\":\"" + String(repeating: "x", count: 2_000_000) + "\"}")
                },
                afterResponse: { (res: XCTHTTPResponse) async throws in
                    XCTAssertEqual(res.status, .payloadTooLarge)
                    XCTAssertEqual(try res.content.decode(ErrorBody.self).error.code, "payload_too_large")
                })
        }
    }

    func testMalformedJSONAnswers400() async throws {
        try await withApp { app in
            for body in ["{pas du json", "{\"email\": 12}", "[]"] {
                try await app.send(
                    .POST, "api/v1/session",
                    beforeRequest: { req in
                        req.headers.contentType = .json
                        req.body = ByteBuffer(string: body)
                    },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .badRequest, body)
                        XCTAssertEqual(try res.content.decode(ErrorBody.self).error.code, "invalid_body", body)
                    })
            }
        }
    }

    func testUnexpectedErrorIsA500WithoutDetails() async throws {
        try await withApp { app in
            struct Secret: Error {}
            app.get("api", "v1", "panne") { _ -> String in throw Secret() }.access(.everyone)
            try await app.send(.GET, "api/v1/panne") { res in
                XCTAssertEqual(res.status, .internalServerError)
                let body = try res.content.decode(ErrorBody.self)
                XCTAssertEqual(body.error.code, "internal_error")
                XCTAssertFalse(res.body.string.contains("Secret"))
            }
        }
    }
}
