import Fluent
import Foundation
import XCTVapor

@testable import LogisServer

extension Application {
    /// Signs a new applicant up through the API and returns their bearer token.
    func newApplicantToken(email: String, password: String = "Logement-Test-2026") async throws -> String {
        try await signUpConfirmed(email: email, password: password)
        struct Token: Decodable { let token: String }
        var token = ""
        try await send(
            .POST, "api/v1/session", beforeRequest: { try $0.content.encode(["email": email, "password": password]) },
            afterResponse: { token = try $0.content.decode(Token.self).token })
        return token
    }

    /// A registered request of the family in Vauvert, with an API token of its applicant, and no piece.
    func registeredApplicantRequest() async throws -> (token: String, id: UUID) {
        let token = try await newApplicantToken(email: "pieces-\(UUID().uuidString.prefix(8))@exemple.fr")
        struct Created: Decodable { let id: UUID }
        var id = UUID()
        try await send(
            .POST, "api/v1/requests",
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: token)
                try $0.content.encode(["steps": RequestsAPITests.allSteps])
            },
            afterResponse: { id = try $0.content.decode(Created.self).id })
        try await uploadIdentityPieces(of: id, token: token)
        try await send(
            .POST, "api/v1/requests/\(id)/submit",
            beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
            afterResponse: { XCTAssertEqual($0.status, .created) })
        // The pieces were needed to submit; the applicant then withdraws them, so tests about pieces
        // and files start from a registered request with none.
        for document in try await RequestDocument.query(on: db).filter(\.$request.$id == id).all() {
            try await send(
                .DELETE, "api/v1/requests/\(id)/documents/\(try document.requireID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .noContent) })
        }
        return (token, id)
    }
}

extension Application {
    /// The registration pieces of a request (each adult's identity piece, DOMAIN.md §5), as checklist keys.
    func identityPieceKeys(of id: UUID) async throws -> [String] {
        let request = try await storedRequest(id)
        return try await ChecklistView.build(for: request, on: db, today: clock.today).checklist
            .filter { $0.level == "registration" }.map(\.code)
    }

    /// Uploads each adult's identity piece through the API: an online request is submitted only with them.
    func uploadIdentityPieces(of id: UUID, token: String) async throws {
        for key in try await identityPieceKeys(of: id) {
            let body = Multipart.body(fields: ["piece": key], file: ("file", "identite.pdf", DocumentsTests.pdf))
            try await send(
                .POST, "api/v1/requests/\(id)/documents",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    $0.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
                    $0.body = ByteBuffer(data: body)
                },
                afterResponse: { XCTAssertEqual($0.status, .created, "\(key): \($0.body.string)") })
        }
    }

    /// Uploads each adult's identity piece from a page: the applicant's « Mes pièces » (`session` of the
    /// applicant) or the desk's file (`desk: true`, a scan of the paper).
    func uploadIdentityPieces(of id: UUID, session: String, desk: Bool = false) async throws {
        for key in try await identityPieceKeys(of: id) {
            try await send(
                .POST, desk ? "guichet/demandes/\(id)/pieces" : "mon-espace/pieces",
                beforeRequest: {
                    Browser.postMultipart(
                        &$0, fields: ["piece": key], file: ("file", "identite.pdf", DocumentsTests.pdf),
                        session: session)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, "\(key): \($0.body.string)") })
        }
    }

    /// The stored request, failing the test when it does not exist.
    func storedRequest(_ id: UUID, file: StaticString = #filePath, line: UInt = #line) async throws -> HousingRequest {
        let found = try await HousingRequest.find(id, on: db)
        return try XCTUnwrap(found, file: file, line: line)
    }

    /// Enters every wizard section of a paper request at the desk and returns the draft's id.
    /// `overrides` replaces fields of other steps, by step slug.
    func enterPaperRequest(
        session: String, applicant: [String: String] = [:], overrides: [String: [String: String]] = [:]
    ) async throws -> UUID {
        var location = ""
        try await send(
            .POST, "guichet/saisie", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
            afterResponse: { location = $0.headers.first(name: .location) ?? "" })
        let parts = location.split(separator: "/")
        let id = try XCTUnwrap(UUID(uuidString: String(parts[2])), location)
        for step in FamilyInVauvert.steps {
            var fields = step.fields
            if step.slug == "demandeur" { fields.merge(applicant) { $1 } }
            fields.merge(overrides[step.slug] ?? [:]) { $1 }
            if step.slug == "logement-recherche", let commune = applicant["commune"] {
                // The desk's own territory: the second wish of the fixture (Aimargues) is not in Libercourt's.
                fields["commune1"] = DemoCommune.code(commune)
                fields["commune2"] = nil
            }
            try await send(
                .POST, "guichet/demandes/\(id)/saisie/etape/\(step.slug)",
                beforeRequest: { Browser.post(&$0, form: fields, session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, "\(step.slug): \($0.body.string)") })
        }
        return id
    }

    /// A paper request entered and registered at the demo Petite Camargue desk, with the agent's session.
    func registeredPaperRequest() async throws -> (session: String, id: UUID) {
        let agent = try await Browser.signIn(self, email: "enregistreur@demo.logis.fr", password: DemoData.password)
        let id = try await enterPaperRequest(session: agent)
        try await send(
            .POST, "guichet/demandes/\(id)/saisie/enregistrer",
            beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
            afterResponse: { XCTAssertEqual($0.status, .seeOther) })
        return (agent, id)
    }

    /// A bearer token for a demo account.
    func demoToken(_ email: String) async throws -> String {
        try await token(email: email, password: DemoData.password)
    }

    /// A bearer token for any account.
    func token(email: String, password: String) async throws -> String {
        struct Token: Decodable { let token: String }
        var token = ""
        try await send(
            .POST, "api/v1/session",
            beforeRequest: { try $0.content.encode(["email": email, "password": password]) },
            afterResponse: { token = try $0.content.decode(Token.self).token })
        return token
    }
}
