import Fluent
import XCTVapor

@testable import LogisServer

/// DOMAIN.md §5: a desk registers a paper request with the paper in hand, but marks the file
/// checked only once each adult's identity piece is in it and none is refused.
final class ActivationPiecesTests: XCTestCase {
    func testActivationWaitsForTheIdentityPiecesAndRefusesARefusedOne() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            let registered = try await app.storedRequest(id)
            XCTAssertNotNil(registered.nud, "the paper registration is not held up by the uploads")
            func activate(_ check: @escaping (XCTHTTPResponse) -> Void) async throws {
                try await app.send(
                    .POST, "guichet/demandes/\(id)/activer",
                    beforeRequest: { Browser.post(&$0, form: [:], session: agent) }, afterResponse: check)
            }
            try await activate { res in
                XCTAssertEqual(res.status, .unprocessableEntity)
                XCTAssertTrue(res.body.string.contains("pièce d’identité de"), res.body.string)
            }
            try await app.uploadIdentityPieces(of: id, session: agent, desk: true)
            let identity = try await RequestDocument.query(on: app.db).filter(\.$request.$id == id)
                .filter(\.$piece == "piece_identite@0").first()
            try await app.send(
                .POST, "guichet/demandes/\(id)/pieces/\(try XCTUnwrap(identity?.id))/refuser",
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["reason": "obsolete", "comment": "Périmée.", "confirm": "oui"], session: agent)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            try await activate { XCTAssertEqual($0.status, .unprocessableEntity, "a refused piece is not a piece") }
            let refusedStill = try await app.storedRequest(id)
            XCTAssertEqual(refusedStill.status, .enregistree)
            try await app.uploadIdentityPieces(of: id, session: agent, desk: true)
            try await activate { XCTAssertEqual($0.status, .seeOther) }
            let active = try await app.storedRequest(id)
            XCTAssertEqual(active.status, .active)
        }
    }

    func testTheAPIActivationGivesTheSameRefusal() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredPaperRequest()
            let token = try await app.demoToken("enregistreur@demo.logis.fr")
            try await app.send(
                .POST, "api/v1/guichet/requests/\(id)/activate",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("registration_pieces_missing"), res.body.string)
                })
        }
    }
}
