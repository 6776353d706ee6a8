import Fluent
import Vapor

/// Checks e-mail and password, with throttling and auditing; shared by the page and the API.
enum SignIn {
    static let wrongCredentials = LogisError(
        .unauthorized, code: .invalidCredentials, message: "Adresse e-mail ou mot de passe incorrect.")

    static func verify(email: String, password: String, on request: Request) async throws -> Account {
        let throttle = AttemptThrottle(database: request.db, now: request.now)
        let pair = AttemptThrottle.Counter.signIn(email: email, address: request.clientAddress)
        let attempt: [SignInFailure]
        do {
            attempt = try await throttle.admit([pair, .signInFrom(address: request.clientAddress)])
        } catch let error as LogisError where error == .tooManyAttempts {
            try await request.audit(.signInThrottled, outcome: .denied)
            try await SignInAlert.send(toOwnerOf: email, on: request)
            throw error
        }
        let account = try await Account.query(on: request.db)
            .filter(\.$email == Account.normalise(email: email)).first()
        // Hash even when the account is unknown so timing does not reveal which e-mails exist.
        let hash = account?.passwordHash ?? request.application.decoyPasswordHash
        let matches = try await request.application.passwordWork.verify(password, created: hash)
        guard let account, matches else {
            try await request.audit(.signInFailed, target: .account(account?.id), outcome: .failure, actor: account)
            throw wrongCredentials
        }
        try await throttle.forget(attempt, clearing: [pair])
        // Only after the right password: nobody else learns that the address has an account.
        guard account.emailConfirmedAt != nil else {
            try await request.audit(
                .signInFailed, target: .account(account.id), outcome: .denied, reason: .emailNotConfirmed,
                actor: account)
            throw try await EmailConfirmation.resend(to: account, on: request)
        }
        try await request.audit(.signIn, target: .account(account.id), actor: account)
        return account
    }

}
