import Vapor

/// Recognises the signed-in account from the session cookie (pages) or the bearer token (API).
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "logis_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let session = try await currentSession(of: request) {
            request.auth.login(session.account)
            request.storage[CurrentSessionKey.self] = session
        }
        return try await next.respond(to: request)
    }

    private func currentSession(of request: Request) async throws -> AuthSession? {
        if request.url.path.hasPrefix("/api/") {
            guard let bearer = request.headers.bearerAuthorization else { return nil }
            return try await AuthSession.find(token: bearer.token, kind: .api, on: request.db, now: request.now)
        }
        guard let token = request.cookies[Self.cookieName]?.string, !token.isEmpty else { return nil }
        return try await AuthSession.find(token: token, kind: .web, on: request.db, now: request.now)
    }
}

struct CurrentSessionKey: StorageKey {
    typealias Value = AuthSession
}

extension Request {
    var currentSession: AuthSession? { storage[CurrentSessionKey.self] }

    /// The signed-in account; routes reach here only when their policy required one.
    func requireAccount() throws -> Account {
        guard let account = auth.get(Account.self) else { throw LogisError.authenticationRequired }
        return account
    }
}
