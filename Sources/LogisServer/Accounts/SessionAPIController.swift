import Fluent
import Vapor

/// JSON API: open and close a bearer session, sign up, and tell who is signed in.
struct SessionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("session", use: open).access(.everyone)
        api.delete("session", use: close).access(.signedIn)
        api.post("accounts", use: signUp).access(.everyone)
        api.get("me", use: me).access(.signedIn)
    }

    struct Credentials: Content {
        let email: String
        let password: String
    }

    struct SessionToken: Content {
        let token: String
        let expiresAt: Date
        let account: AccountSummary
    }

    struct AccountSummary: Content {
        let id: UUID
        let email: String
        let displayName: String
        let role: String
    }

    func open(req: Request) async throws -> Response {
        let credentials = try req.content.decode(Credentials.self)
        let account = try await SignIn.verify(email: credentials.email, password: credentials.password, on: req)
        let token = try await AuthSession.open(for: account, kind: .api, on: req.db, now: req.now)
        let body = SessionToken(
            token: token, expiresAt: req.now.addingTimeInterval(AuthSession.lifetime), account: try summary(account))
        return try await body.encodeResponse(status: .created, for: req)
    }

    func close(req: Request) async throws -> HTTPStatus {
        if let session = req.currentSessionID {
            try await AuthSession.query(on: req.db).filter(\.$id == session).delete()
        }
        try await req.audit(.signOut, target: .account(req.auth.get(Account.self)?.id))
        return .noContent
    }

    struct SignUpBody: Content {
        let email: String
        let password: String
        let displayName: String
    }

    /// The same answer whether or not the address had an account (docs/rules/accounts.md).
    struct SignUpAccepted: Content {
        let status: String
        let message: String
    }

    func signUp(req: Request) async throws -> Response {
        let body = try req.content.decode(SignUpBody.self)
        try await AccountRegistration.register(
            email: body.email, password: body.password, displayName: body.displayName, on: req)
        let answer = SignUpAccepted(status: "confirmation_sent", message: AccountRegistration.sentMessage)
        // Sorted keys: the body is the same byte for byte, whichever address was given.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let response = Response(status: .accepted)
        try response.content.encode(answer, using: encoder)
        return response
    }

    func me(req: Request) async throws -> AccountSummary {
        try summary(try req.requireAccount())
    }

    private func summary(_ account: Account) throws -> AccountSummary {
        AccountSummary(
            id: try account.requireID(), email: account.email, displayName: account.displayName,
            role: account.role.rawValue)
    }
}
