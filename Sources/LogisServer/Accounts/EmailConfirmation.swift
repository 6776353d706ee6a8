import Fluent
import Vapor

/// Sign-up confirms the address before the account can sign in (issue 12 §4): the link proves
/// that the person reads that mailbox, so sign-up no longer needs to tell who has an account.
enum EmailConfirmation {
    static let notConfirmed = LogisError(
        .forbidden, code: .emailNotConfirmed,
        message:
            "Votre adresse e-mail n’est pas encore confirmée. Nous venons de vous envoyer un nouveau lien de "
            + "confirmation (valable 24 heures) : ouvrez-le, puis connectez-vous.")
    static let notConfirmedRecentlySent = LogisError(
        .forbidden, code: .emailNotConfirmed,
        message:
            "Votre adresse e-mail n’est pas encore confirmée. Un lien de confirmation vous a été envoyé il y a peu : "
            + "ouvrez-le (pensez à regarder dans les courriers indésirables), puis connectez-vous.")

    /// Issues a confirmation link for `account` and queues its message, in `db` (a transaction).
    static func send(
        to account: Account, secret: AccountToken.Secret, on req: Request, db: any Database
    )
        async throws
    {
        let now = req.now
        let row = try await AccountToken.issue(
            secret, purpose: .confirmEmail, for: try account.requireID(), now: now, on: db)
        let link = AccountLinks.url(AccountLinks.confirmationPath(secret.token), on: req.application)
        try await AccountLinks.enqueue(
            MessageTexts.emailConfirmation(link: link), to: account, key: "email-confirmation:\(try row.requireID())",
            now: now, on: db)
    }

    /// The right password on an account still waiting for confirmation: a new link (the first may
    /// have expired or been lost), at most three in 15 minutes. Returns the refusal to show.
    static func resend(to account: Account, on req: Request) async throws -> LogisError {
        let throttle = AttemptThrottle(database: req.db, now: req.now)
        do {
            _ = try await throttle.admit([.confirmationResend(accountID: try account.requireID())])
        } catch let refusal as LogisError where refusal == .tooManyAttempts {
            return notConfirmedRecentlySent
        }
        let secret = AccountToken.Secret.generate()
        try await req.db.transaction { db in try await send(to: account, secret: secret, on: req, db: db) }
        return notConfirmed
    }

    /// Confirms the address of the link's account, once.
    static func confirm(token: String, on req: Request) async throws {
        let now = req.now
        let row = try await AccountToken.usable(token, purpose: .confirmEmail, now: now, on: req.db)
        let accountID = row.$account.id
        try await req.db.transaction { db in
            try await AccountToken.consume(row, now: now, on: db)
            try await Account.query(on: db).set(\.$emailConfirmedAt, to: now as Date?)
                .filter(\.$id == accountID).filter(\.$emailConfirmedAt == nil).update()
            try await req.audit(.emailConfirmed, target: .account(accountID), in: db)
        }
    }
}
