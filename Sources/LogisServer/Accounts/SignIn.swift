import Fluent
import Vapor

/// Checks e-mail and password, with throttling and auditing; shared by the page and the API.
enum SignIn {
    static let wrongCredentials = LogisError(
        .unauthorized, code: "invalid_credentials", message: "Adresse e-mail ou mot de passe incorrect.")

    static func verify(email: String, password: String, on request: Request) async throws -> Account {
        let throttle = SignInThrottle(request: request, email: email)
        let attempt: [SignInFailure]
        do {
            attempt = try await throttle.admit()
        } catch let error as LogisError where error == .tooManyAttempts {
            try await request.audit(.signInThrottled, outcome: .denied)
            throw error
        }
        let account = try await Account.query(on: request.db)
            .filter(\.$email == Account.normalise(email: email)).first()
        // Hash even when the account is unknown so timing does not reveal which e-mails exist.
        let hash = account?.passwordHash ?? request.application.decoyPasswordHash
        let matches = (try? await request.password.async.verify(password, created: hash)) ?? false
        guard let account, matches else {
            try await request.audit(.signInFailed, target: .account(account?.id), outcome: .failure, actor: account)
            throw wrongCredentials
        }
        try await throttle.recordSuccess(clearing: attempt)
        try await request.audit(.signIn, target: .account(account.id), actor: account)
        return account
    }

}
