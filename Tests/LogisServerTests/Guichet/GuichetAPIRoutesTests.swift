import Fluent
import XCTVapor

@testable import LogisServer

/// The remaining desk routes of the API, each with its happy path and one refusal.
final class GuichetAPIRoutesTests: XCTestCase {
    func testFileReadPatchHandOverPiecesAttestationPrioritiesAndRestore() async throws {
        try await withApp(demo: true) { app in
            let agent = try await app.demoToken("enregistreur@demo.logis.fr")
            let accueil = try await app.demoToken("accueil@demo.logis.fr")
            let worker = try await app.demoToken("travailleur-social@demo.logis.fr")
            let admin = try await app.demoToken("admin@demo.logis.fr")
            func bearer(_ token: String) -> (inout XCTHTTPRequest) throws -> Void {
                { $0.headers.bearerAuthorization = .init(token: token) }
            }
            struct Created: Decodable { let id: UUID }
            var steps = RequestsAPITests.allSteps
            steps.removeValue(forKey: "handicap-dalo")
            var draft = UUID()
            try await app.send(
                .POST, "api/v1/guichet/requests",
                beforeRequest: {
                    try bearer(accueil)(&$0)
                    try $0.content.encode(["steps": steps])
                },
                afterResponse: { draft = try $0.content.decode(Created.self).id })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/hand-over", beforeRequest: { try bearer(accueil)(&$0) },
                afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity, "a section is missing") })
            try await app.send(
                .PATCH, "api/v1/guichet/requests/\(draft)",
                beforeRequest: {
                    try bearer(accueil)(&$0)
                    try $0.content.encode(["steps": ["handicap-dalo": ["disabledPersons": "0"]]])
                },
                afterResponse: { XCTAssertEqual($0.status, .ok, $0.body.string) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/hand-over", beforeRequest: { try bearer(accueil)(&$0) },
                afterResponse: { XCTAssertEqual($0.status, .ok) })
            try await app.send(
                .GET, "api/v1/guichet/queues/transmises", beforeRequest: { try bearer(agent)(&$0) },
                afterResponse: { XCTAssertTrue($0.body.string.contains(draft.uuidString)) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/register", beforeRequest: { try bearer(agent)(&$0) },
                afterResponse: { XCTAssertEqual($0.status, .created) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/attestation-sent", beforeRequest: { try bearer(agent)(&$0) },
                afterResponse: { XCTAssertEqual($0.status, .noContent) })
            try await app.send(
                .GET, "api/v1/guichet/requests/\(draft)?reason=contr%C3%B4le",
                beforeRequest: { try bearer(agent)(&$0) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("\"attestationSent\":true"))
                })
            let pieces = ["piece_identite@0", "quittance_loyer"]
            var documents: [UUID] = []
            for piece in pieces {
                let document = RequestDocument(
                    requestID: draft, piece: piece, storedName: "\(UUID().uuidString.prefix(8)).pdf",
                    contentType: "application/pdf", size: 10, sha256: "x")
                try await document.create(on: app.db)
                documents.append(try document.requireID())
            }
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/documents/\(documents[0])/validate",
                beforeRequest: { try bearer(agent)(&$0) },
                afterResponse: { XCTAssertTrue($0.body.string.contains("\"status\":\"validee\"")) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/documents/\(documents[1])/refuse",
                beforeRequest: {
                    try bearer(agent)(&$0)
                    try $0.content.encode(["reason": "inexploitable", "comment": "Illisible."])
                },
                afterResponse: { XCTAssertTrue($0.body.string.contains("\"status\":\"refusee\"")) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/documents/\(documents[1])/refuse",
                beforeRequest: {
                    try bearer(worker)(&$0)
                    try $0.content.encode(["reason": "inexploitable", "comment": "x"])
                },
                afterResponse: { XCTAssertEqual($0.status, .forbidden, "only a registering desk reviews pieces") })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/priorities",
                beforeRequest: {
                    try bearer(worker)(&$0)
                    try $0.content.encode(["criterion": "violences", "comment": "Ordonnance de protection vue."])
                },
                afterResponse: { XCTAssertEqual($0.status, .ok, $0.body.string) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/radiate",
                beforeRequest: {
                    try bearer(agent)(&$0)
                    try $0.content.encode(["motif": "absence_de_reponse"])
                },
                afterResponse: { XCTAssertEqual($0.status, .ok) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/restore", beforeRequest: { try bearer(admin)(&$0) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("\"status\":\"enregistree\""))
                })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(draft)/restore", beforeRequest: { try bearer(admin)(&$0) },
                afterResponse: { XCTAssertEqual($0.status, .conflict, "not radiated any more") })
            let request = try await app.storedRequest(draft)
            XCTAssertEqual(request.priorities, "violences")
        }
    }

    func testApplicantListsRequestsAndDeletesAPieceNotYetValidated() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            try await app.send(
                .GET, "api/v1/requests", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains(id.uuidString))
                })
            let document = RequestDocument(
                requestID: id, piece: "piece_identite@0", storedName: "abcdef12.pdf", contentType: "application/pdf",
                size: 10, sha256: "x")
            try await document.create(on: app.db)
            try await app.send(
                .DELETE, "api/v1/requests/\(id)/documents/\(try document.requireID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .noContent) })
            try await app.send(
                .DELETE, "api/v1/requests/\(id)/documents/\(UUID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .notFound) })
            try await app.send(.GET, "api/v1/territories") { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("\"slug\":\"petite-camargue\""))
            }
        }
    }
}
