import Fluent
import XCTVapor

@testable import LogisServer

final class RequestsAPITests: XCTestCase {
    struct Created: Decodable {
        let id: UUID
        let status: String
        let nud: String?
        let missingSteps: [String]
    }

    struct APIError: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
            let fields: [String: String]?
        }

        let error: Detail
    }

    static var allSteps: [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: FamilyInVauvert.steps.map { ($0.slug, $0.fields) })
    }

    func testDraftPatchSubmitTimelineThroughTheAPI() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "api@exemple.fr")
            let auth = { (req: inout XCTHTTPRequest) in req.headers.bearerAuthorization = .init(token: token) }
            var id = UUID()
            try await app.send(.POST, "api/v1/requests", beforeRequest: { auth(&$0) }) { res in
                XCTAssertEqual(res.status, .created)
                let created = try res.content.decode(Created.self)
                XCTAssertEqual(created.status, "brouillon")
                XCTAssertEqual(created.missingSteps.count, 9)
                id = created.id
            }
            try await app.send(.POST, "api/v1/requests", beforeRequest: { auth(&$0) }) { res in
                XCTAssertEqual(res.status, .conflict, "one live request per household")
            }
            try await app.send(
                .PATCH, "api/v1/requests/\(id)",
                beforeRequest: {
                    auth(&$0)
                    try $0.content.encode(["steps": Self.allSteps])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok, res.body.string)
                    XCTAssertEqual(try res.content.decode(Created.self).missingSteps, [])
                })
            var nud = ""
            try await app.uploadIdentityPieces(of: id, token: token)
            try await app.send(.POST, "api/v1/requests/\(id)/submit", beforeRequest: { auth(&$0) }) { res in
                XCTAssertEqual(res.status, .created)
                let submitted = try res.content.decode(Created.self)
                XCTAssertEqual(submitted.status, "enregistree")
                nud = try XCTUnwrap(submitted.nud)
            }
            try await app.send(.GET, "api/v1/requests/\(nud)", beforeRequest: { auth(&$0) }) { res in
                XCTAssertEqual(res.status, .ok, "found by NUD too")
            }
            try await app.send(.GET, "api/v1/requests/\(id)/timeline", beforeRequest: { auth(&$0) }) { res in
                XCTAssertTrue(res.body.string.contains("\"kind\":\"registered\""))
            }
            try await app.send(.GET, "api/v1/requests/\(id)/attestation.pdf", beforeRequest: { auth(&$0) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(res.headers.contentType?.subType, "pdf")
                let text = try PDFText.extract(Data(buffer: res.body))
                XCTAssertTrue(text.contains(nud), text)
                XCTAssertTrue(text.contains("Attestation d’enregistrement"), text)
                XCTAssertTrue(text.contains("France Services Petite Camargue"), text)
                XCTAssertTrue(text.contains("Vauvert, Aimargues"), text)
            }
            try await app.send(.POST, "api/v1/requests/\(id)/renew", beforeRequest: { auth(&$0) }) { res in
                XCTAssertEqual(res.status, .conflict, "renewal opens 3 months before the anniversary")
                XCTAssertEqual(try res.content.decode(APIError.self).error.code, "renewal_not_open")
            }
        }
    }

    func testAnotherApplicantsRequestIsNotFound() async throws {
        try await withApp(demo: true) { app in
            let owner = try await app.newApplicantToken(email: "proprietaire@exemple.fr")
            let intruder = try await app.newApplicantToken(email: "intrus@exemple.fr")
            var id = UUID()
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: owner)
                    try $0.content.encode(["steps": Self.allSteps])
                },
                afterResponse: { id = try $0.content.decode(Created.self).id })
            var nud = ""
            try await app.uploadIdentityPieces(of: id, token: owner)
            try await app.send(
                .POST, "api/v1/requests/\(id)/submit",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: owner) },
                afterResponse: { nud = try $0.content.decode(Created.self).nud ?? "" })
            for path in ["api/v1/requests/\(id)", "api/v1/requests/\(nud)", "api/v1/requests/\(id)/timeline"] {
                try await app.send(
                    .GET, path, beforeRequest: { $0.headers.bearerAuthorization = .init(token: intruder) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .notFound, path)
                        XCTAssertEqual(try res.content.decode(APIError.self).error.code, "request_not_found")
                    })
            }
            try await app.send(
                .PATCH, "api/v1/requests/\(id)",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: intruder)
                    try $0.content.encode(["steps": ["motifs": ["motif1": "expulsion"]]])
                },
                afterResponse: { XCTAssertEqual($0.status, .notFound) })
        }
    }

    func testBadInputGetsFieldMessages() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "mauvais@exemple.fr")
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode([
                        "steps": [
                            "ressources": ["applicantMonthlyIncome": "-1", "taxIncomeN2": "beaucoup"],
                            "inconnue": ["x": "y"],
                        ]
                    ])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    let error = try res.content.decode(APIError.self).error
                    XCTAssertEqual(error.code, "validation_failed")
                    XCTAssertNotNil(error.fields?["ressources.applicantMonthlyIncome"])
                    XCTAssertNotNil(error.fields?["ressources.taxIncomeN2"])
                    XCTAssertNotNil(error.fields?["inconnue"])
                })
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    $0.headers.contentType = .json
                    $0.body = ByteBuffer(string: "{\"steps\": [1, 2]}")
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .badRequest)
                    XCTAssertEqual(try res.content.decode(APIError.self).error.code, "invalid_body")
                })
            try await app.send(
                .POST, "api/v1/requests/\(UUID())/submit",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .notFound) })
        }
    }

    func testAHugeListOfBadSectionsGetsAShortAnswer() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "bavard@exemple.fr")
            let sections = (0..<40_000).map { "\"s\($0)\":{}" }.joined(separator: ",")
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    $0.headers.contentType = .json
                    $0.body = ByteBuffer(string: "{\"steps\":{\(sections)}}")
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertLessThan(res.body.readableBytes, 10_000, "not one message per bad section")
                    let error = try res.content.decode(APIError.self).error
                    XCTAssertEqual(error.fields?.count, 20)
                    XCTAssertTrue(error.message.contains("40000"), error.message)
                })
        }
    }

    func testControlCharactersAreRefusedAndNamesStoredComposed() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "unicode@exemple.fr")
            for bad in ["Dupont\u{0}", "Dup\u{7}ont", "\u{202E}tnopuD", "Du\npont"] {
                try await app.send(
                    .POST, "api/v1/requests",
                    beforeRequest: {
                        $0.headers.bearerAuthorization = .init(token: token)
                        try $0.content.encode(["steps": ["demandeur": ["lastName": bad, "firstName": "Élise"]]])
                    },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .unprocessableEntity, bad.debugDescription)
                        let fields = try res.content.decode(APIError.self).error.fields ?? [:]
                        XCTAssertEqual(fields["demandeur.lastName"], TextInput.refusedMessage, bad.debugDescription)
                    })
            }
            var id = UUID()
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    var steps = Self.allSteps
                    steps["demandeur"]?["firstName"] = "E\u{301}lise"
                    try $0.content.encode(["steps": steps])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .created, res.body.string)
                    id = try res.content.decode(Created.self).id
                })
            let stored = try await app.storedRequest(id)
            XCTAssertEqual(stored.form.applicant?.firstName.unicodeScalars.count, 5, "É as one scalar (NFC)")
        }
    }

    func testAgentsCannotUseTheApplicantAPI() async throws {
        try await withApp(demo: true) { app in
            struct Token: Decodable { let token: String }
            var token = ""
            try await app.send(
                .POST, "api/v1/session",
                beforeRequest: {
                    try $0.content.encode(["email": "enregistreur@demo.logis.fr", "password": DemoData.password])
                },
                afterResponse: { token = try $0.content.decode(Token.self).token })
            try await app.send(
                .GET, "api/v1/requests", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
        }
    }
}
