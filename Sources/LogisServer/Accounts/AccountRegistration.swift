import Fluent
import Vapor

/// Creates an applicant account (sign-up); shared by the page and the API.
enum AccountRegistration {
    static let emailTaken = LogisError(
        .conflict, code: .emailTaken, message: "Un compte existe déjà avec cette adresse e-mail. Connectez-vous.")

    static func register(email: String, password: String, displayName: String, on req: Request) async throws -> Account
    {
        let email = Account.normalise(email: email)
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard isPlausible(email: email) else {
            throw LogisError.validation(
                "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).", code: .invalidEmail)
        }
        guard let name = TextInput.clean(name, allowLineBreaks: false) else {
            throw LogisError.validation(TextInput.refusedMessage, code: .invalidDisplayName)
        }
        guard !name.isEmpty, name.count <= 100 else {
            throw LogisError.validation("Indiquez votre nom (100 caractères au plus).", code: .invalidDisplayName)
        }
        if let weak = PasswordPolicy.check(password) { throw weak }
        _ = try await AttemptThrottle(database: req.db, now: req.now).admit([.signUpFrom(address: req.clientAddress)])
        if try await Account.query(on: req.db).filter(\.$email == email).first() != nil {
            throw emailTaken
        }
        let hash = try await req.application.passwordWork.hash(password)
        let account = Account(email: email, passwordHash: hash, role: .demandeur, displayName: name)
        try await account.create(on: req.db)
        try await req.audit(.signUp, target: .account(account.id), actor: account)
        return account
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
