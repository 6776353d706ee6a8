import Fluent
import Foundation
import XCTVapor

@testable import LogisServer

extension Application {
    /// Signs up through the API, then confirms the address the way its owner would: with the
    /// link of the message queued in the outbox.
    func signUpConfirmed(
        email: String, password: String = "Logement-Test-2026", displayName: String = "API",
        file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        try await send(
            .POST, "api/v1/accounts",
            beforeRequest: {
                try $0.content.encode(["email": email, "password": password, "displayName": displayName])
            },
            afterResponse: { XCTAssertEqual($0.status, .accepted, $0.body.string, file: file, line: line) })
        try await confirmEmail(email, file: file, line: line)
    }

    /// Opens the confirmation link sent to `email` and presses its button.
    func confirmEmail(_ email: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let path = try await linkPath(sentTo: email, template: "email-confirmation", file: file, line: line)
        try await send(
            .POST, String(path.dropFirst()), beforeRequest: { Browser.post(&$0, form: [:]) },
            afterResponse: {
                XCTAssertEqual($0.status, .seeOther, file: file, line: line)
                XCTAssertEqual($0.headers.first(name: .location), "/connexion?message=adresse-confirmee")
            })
    }

    /// The messages queued for `email` with `template`, oldest first.
    func outboxMessages(to email: String, template: String) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: db).filter(\.$recipient == Account.normalise(email: email))
            .filter(\.$template == template).sort(\.$createdAt).all()
    }

    /// The path of the link (`/…/<token>`) in the latest message `template` sent to `email`.
    func linkPath(
        sentTo email: String, template: String, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> String {
        let messages = try await outboxMessages(to: email, template: template)
        let body = try XCTUnwrap(messages.last?.body, "no \(template) message to \(email)", file: file, line: line)
        return try XCTUnwrap(Self.linkPath(in: body), body, file: file, line: line)
    }

    /// The first link of the deployment in a message body, as a path.
    static func linkPath(in body: String) -> String? {
        let prefix = "http://127.0.0.1:8080/"
        guard let start = body.range(of: prefix) else { return nil }
        let rest = body[start.upperBound...].prefix { !$0.isWhitespace }
        return "/" + rest
    }
}
