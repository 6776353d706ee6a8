import Fluent
import XCTVapor

@testable import LogisServer

/// The reset link through the API: the same 202 for a known and an unknown address, the link
/// sets the password once (204), then answers 410 `link_used`.
final class PasswordResetAPITests: XCTestCase {
    func testTheLinkWorksOnceAndTheAnswerDoesNotTellWhoHasAnAccount() async throws {
        try await withApp { app in
            try await app.signUpConfirmed(email: "oubli@exemple.fr")
            var known = ""
            var unknown = ""
            try await app.send(
                .POST, "api/v1/password-resets",
                beforeRequest: { try $0.content.encode(["email": "oubli@exemple.fr"]) },
                afterResponse: {
                    XCTAssertEqual($0.status, .accepted)
                    known = $0.body.string
                })
            try await app.send(
                .POST, "api/v1/password-resets",
                beforeRequest: { try $0.content.encode(["email": "personne@exemple.fr"]) },
                afterResponse: {
                    XCTAssertEqual($0.status, .accepted)
                    unknown = $0.body.string
                })
            XCTAssertEqual(known, unknown)
            XCTAssertTrue(known.contains("\"link_sent\""), known)

            let unknownToken = ["token": "inconnu", "password": "Nouveau-Logement-2026", "confirmation": "x"]
            try await app.send(
                .POST, "api/v1/password-resets/complete", beforeRequest: { try $0.content.encode(unknownToken) },
                afterResponse: {
                    XCTAssertEqual($0.status, .notFound)
                    XCTAssertTrue($0.body.string.contains("\"link_unknown\""), $0.body.string)
                })
            let path = try await app.linkPath(sentTo: "oubli@exemple.fr", template: "password-reset")
            let token = String(path.split(separator: "/").last ?? "")
            let body = ["token": token, "password": "Nouveau-Logement-2026", "confirmation": "Nouveau-Logement-2026"]
            try await app.send(
                .POST, "api/v1/password-resets/complete", beforeRequest: { try $0.content.encode(body) },
                afterResponse: { XCTAssertEqual($0.status, .noContent, $0.body.string) })
            try await app.send(
                .POST, "api/v1/password-resets/complete", beforeRequest: { try $0.content.encode(body) },
                afterResponse: {
                    XCTAssertEqual($0.status, .gone)
                    XCTAssertTrue($0.body.string.contains("\"link_used\""), $0.body.string)
                })
            try await app.send(
                .POST, "api/v1/session",
                beforeRequest: {
                    try $0.content.encode(["email": "oubli@exemple.fr", "password": "Nouveau-Logement-2026"])
                },
                afterResponse: { XCTAssertEqual($0.status, .created, $0.body.string) })
        }
    }
}
