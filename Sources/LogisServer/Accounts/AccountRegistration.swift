import Fluent
import Vapor

/// Sign-up, shared by the page and the API. The answer is the same whether or not the address
/// has an account (issue 15 §5): a new address gets an unconfirmed account and a confirmation
/// link; a known one gets nothing created, and its owner is told by e-mail.
enum AccountRegistration {
    static let invalidEmail = LogisError.validation(
        "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).", code: .invalidEmail)

    static let sentMessage =
        "Un message vient d’être envoyé à cette adresse pour confirmer votre inscription. Ouvrez le lien qu’il "
        + "contient (valable 24 heures), puis connectez-vous. Pensez à regarder dans les courriers indésirables."

    static func register(email: String, password: String, displayName: String, on req: Request) async throws {
        let email = Account.normalise(email: email)
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard isPlausible(email: email) else { throw invalidEmail }
        guard let name = TextInput.clean(name, allowLineBreaks: false) else {
            throw LogisError.validation(TextInput.refusedMessage, code: .invalidDisplayName)
        }
        guard !name.isEmpty, name.count <= 100 else {
            throw LogisError.validation("Indiquez votre nom (100 caractères au plus).", code: .invalidDisplayName)
        }
        if let weak = PasswordPolicy.check(password) { throw weak }
        _ = try await AttemptThrottle(database: req.db, now: req.now)
            .admit([.signUpFrom(address: req.clientAddress), .signUpFor(email: email)])
        // The same work for a known address as for a new one: one Bcrypt hash, one token, one message.
        let hash = try await req.application.passwordWork.hash(password)
        let secret = AccountToken.Secret.generate()
        // Read before the transaction, whose first statement is then a write: on SQLite a
        // transaction that reads, then writes after another writer committed fails as busy.
        let existing = try await Account.query(on: req.db).filter(\.$email == email).first()
        do {
            try await req.db.transaction { db in
                if let existing {
                    try await tellOwner(existing, on: req, db: db)
                    return
                }
                let account = Account(
                    email: email, passwordHash: hash, role: .demandeur, displayName: name, emailConfirmedAt: nil)
                try await account.create(on: db)
                try await EmailConfirmation.send(to: account, secret: secret, on: req, db: db)
                try await req.audit(.signUp, target: .account(account.id), actor: account, in: db)
            }
        } catch let failure as any DatabaseError where failure.isConstraintFailure {
            // Two sign-ups of one new address at once: the other created the account and queued
            // its link; this one has nothing to add, and the answer is the same.
        }
    }

    /// The address has an account: nothing is created and the owner learns of the attempt.
    private static func tellOwner(_ account: Account, on req: Request, db: any Database) async throws {
        let app = req.application
        let text = MessageTexts.signUpAttempt(
            confirmed: account.emailConfirmedAt != nil,
            resetLink: AccountLinks.url(AccountLinks.forgottenPasswordPath, on: app),
            signInLink: AccountLinks.url(AccountLinks.signInPath, on: app))
        try await AccountLinks.enqueue(text, to: account, key: "sign-up-attempt:\(UUID())", now: req.now, on: db)
        try await req.audit(.signUpExistingAddress, target: .account(account.id), outcome: .denied, in: db)
    }

    static func isPlausible(email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(" ")
        else { return false }
        return true
    }
}

/// Changes a password after checking the current one; other sessions of the account are closed.
enum PasswordChange {
    static func apply(
        account: Account, current: String, new: String, confirmation: String, keeping session: AuthSession?,
        on req: Request
    ) async throws {
        // A stolen session must not allow unlimited guesses of the current password.
        let throttle = AttemptThrottle(database: req.db, now: req.now)
        let counter = AttemptThrottle.Counter.passwordCheck(accountID: try account.requireID())
        let attempt = try await throttle.admit([counter])
        guard try await req.application.passwordWork.verify(current, created: account.passwordHash) else {
            try await req.audit(.passwordChanged, target: .account(account.id), outcome: .failure)
            throw LogisError.validation("Le mot de passe actuel est incorrect.", code: .wrongCurrentPassword)
        }
        try await throttle.forget(attempt, clearing: [counter])
        guard new == confirmation else {
            throw LogisError.validation(
                "Les deux nouveaux mots de passe ne sont pas identiques.", code: .passwordMismatch)
        }
        if let weak = PasswordPolicy.check(new) { throw weak }
        account.passwordHash = try await req.application.passwordWork.hash(new)
        try await account.save(on: req.db)
        var others = AuthSession.query(on: req.db).filter(\.$account.$id == (try account.requireID()))
        if let keptID = session?.id { others = others.filter(\.$id != keptID) }
        try await others.delete()
        try await req.audit(.passwordChanged, target: .account(account.id))
    }
}
