import Fluent
import Vapor

/// « Mot de passe oublié ? » (issue 12 §4): a single-use link valid 30 minutes, and the same
/// answer whether or not the address has an account (docs/rules/accounts.md).
enum PasswordReset {
    static let sentMessage =
        "Si un compte existe pour cette adresse, un message vient de lui être envoyé avec un lien pour choisir "
        + "un nouveau mot de passe. Ce lien est valable 30 minutes et ne sert qu’une fois. Pensez à regarder "
        + "dans les courriers indésirables."

    /// Sends a reset link if `email` has an account. The caller answers `sentMessage` either way.
    static func request(email: String, on req: Request) async throws {
        let email = Account.normalise(email: email)
        guard AccountRegistration.isPlausible(email: email) else { throw AccountRegistration.invalidEmail }
        _ = try await AttemptThrottle(database: req.db, now: req.now)
            .admit([.resetFrom(address: req.clientAddress), .resetFor(email: email)])
        // The same work either way, as far as it goes: a token is drawn and hashed, one
        // transaction runs and one audit line is written, whether the address is known or not.
        let secret = AccountToken.Secret.generate()
        let now = req.now
        // Read before the transaction, whose first statement is then a write (SQLite, see AccountRegistration).
        let found = try await Account.query(on: req.db).filter(\.$email == email).first()
        try await req.db.transaction { db in
            guard let account = found else {
                try await req.audit(.passwordResetRequested, outcome: .failure, in: db)
                return
            }
            let row = try await AccountToken.issue(
                secret, purpose: .passwordReset, for: try account.requireID(), now: now, on: db)
            let link = AccountLinks.url(AccountLinks.resetPath(secret.token), on: req.application)
            try await AccountLinks.enqueue(
                MessageTexts.passwordReset(link: link), to: account, key: "password-reset:\(try row.requireID())",
                now: now, on: db)
            try await req.audit(.passwordResetRequested, target: .account(account.id), in: db)
        }
    }

    /// Sets the new password through the link, once; every session of the account is closed.
    static func complete(token: String, password: String, confirmation: String, on req: Request) async throws {
        let row = try await AccountToken.usable(token, purpose: .passwordReset, now: req.now, on: req.db)
        guard password == confirmation else {
            throw LogisError.validation("Les deux mots de passe ne sont pas identiques.", code: .passwordMismatch)
        }
        if let weak = PasswordPolicy.check(password) { throw weak }
        // Bcrypt before the transaction: a quarter of a second must not hold a write lock.
        let hash = try await req.application.passwordWork.hash(password)
        let now = req.now
        let accountID = row.$account.id
        try await req.db.transaction { db in
            try await AccountToken.consume(row, now: now, on: db)
            try await Account.query(on: db).set(\.$passwordHash, to: hash).filter(\.$id == accountID).update()
            // Opening the link proves the mailbox, as the confirmation link would.
            try await Account.query(on: db).set(\.$emailConfirmedAt, to: now as Date?)
                .filter(\.$id == accountID).filter(\.$emailConfirmedAt == nil).update()
            // Whoever held a session (perhaps the reason for the reset) is signed out everywhere.
            try await AuthSession.query(on: db).filter(\.$account.$id == accountID).delete()
            try await AccountToken.query(on: db).set(\.$expiresAt, to: now)
                .filter(\.$account.$id == accountID).filter(\.$purpose == .passwordReset)
                .filter(\.$usedAt == nil).filter(\.$expiresAt > now).update()
            try await req.audit(.passwordReset, target: .account(accountID), in: db)
        }
    }
}
