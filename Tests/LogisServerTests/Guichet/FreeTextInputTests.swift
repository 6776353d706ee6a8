import Fluent
import XCTVapor

@testable import LogisServer

/// Agents' free text (radiation comments, references) refuses control characters and bidi
/// overrides as the applicant's form does.
final class FreeTextInputTests: XCTestCase {
    func testARadiationCommentWithARightToLeftOverrideIsRefused() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredPaperRequest()
            let token = try await app.demoToken("enregistreur@demo.logis.fr")
            for comment in ["Dossier \u{202E}ecnatpecca", "Bip\u{7}", "Nul\u{0}"] {
                try await app.send(
                    .POST, "api/v1/guichet/requests/\(id)/radiate",
                    beforeRequest: {
                        $0.headers.bearerAuthorization = .init(token: token)
                        try $0.content.encode(["motif": "irrecevabilite", "comment": comment])
                    },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .unprocessableEntity, comment.debugDescription)
                        XCTAssertTrue(res.body.string.contains("invalid_characters"), res.body.string)
                    })
            }
            let stored = try await app.storedRequest(id)
            XCTAssertNotEqual(stored.status, .radiee, "nothing was changed")
        }
    }
}
