import Foundation
import XCTVapor

extension Application {
    /// A registered request of the family in Vauvert, with an API token of its applicant.
    func registeredApplicantRequest() async throws -> (token: String, id: UUID) {
        let email = "pieces-\(UUID().uuidString.prefix(8))@exemple.fr"
        let password = "Logement-Test-2026"
        try await send(
            .POST, "api/v1/accounts",
            beforeRequest: { try $0.content.encode(["email": email, "password": password, "displayName": "P"]) },
            afterResponse: { XCTAssertEqual($0.status, .created) })
        struct Token: Decodable { let token: String }
        struct Created: Decodable { let id: UUID }
        var token = ""
        try await send(
            .POST, "api/v1/session", beforeRequest: { try $0.content.encode(["email": email, "password": password]) },
            afterResponse: { token = try $0.content.decode(Token.self).token })
        var id = UUID()
        try await send(
            .POST, "api/v1/requests",
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: token)
                try $0.content.encode(["steps": RequestsAPITests.allSteps])
            },
            afterResponse: { id = try $0.content.decode(Created.self).id })
        try await send(
            .POST, "api/v1/requests/\(id)/submit",
            beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
            afterResponse: { XCTAssertEqual($0.status, .created) })
        return (token, id)
    }
}
