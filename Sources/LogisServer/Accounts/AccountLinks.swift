import Fluent
import Vapor

/// The links sent by e-mail and the queuing of account messages. Links start with the public
/// address of the deployment (`LOGIS_PUBLIC_URL`), never with the request's `Host` header.
enum AccountLinks {
    static let forgottenPasswordPath = "/mot-de-passe-oublie"
    static let signInPath = "/connexion"

    static func resetPath(_ token: String) -> String { "/mot-de-passe/reinitialiser/\(token)" }
    static func confirmationPath(_ token: String) -> String { "/inscription/confirmer/\(token)" }

    static func url(_ path: String, on app: Application) -> String { app.logisSettings.publicURL + path }

    /// Queues `text` to the account's address in `db`, the transaction of the event; true when
    /// this call added the message (a key already queued is a no-op).
    @discardableResult
    static func enqueue(
        _ text: MessageText, to account: Account, key: String, now: Date, on db: any Database
    ) async throws -> Bool {
        let draft = MessageDraft(
            channel: .email, accountID: try account.requireID(), requestID: nil, recipient: account.email,
            template: text.template, subject: text.subject, body: text.body)
        return try await Outbox.enqueue(draft, key: key, now: now, on: db)
    }
}
