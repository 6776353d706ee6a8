import Vapor

/// Recognises the signed-in account from the session cookie (pages) or the bearer token (API).
struct SessionAuthenticator: AsyncMiddleware {
    let secureCookies: Bool

    /// Over HTTPS a `__Host-` cookie: a sibling domain cannot plant a session of its choosing.
    static func cookieName(secure: Bool) -> String { secure ? "__Host-logis_session" : "logis_session" }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let (session, token) = try await currentSession(of: request) {
            request.auth.login(session.account)
            request.storage[CurrentSessionKey.self] = session.sessionID
            request.storage[SessionTokenKey.self] = token
        }
        return try await next.respond(to: request)
    }

    private func currentSession(of request: Request) async throws -> (AuthSession.SignedIn, String)? {
        let token: String
        let kind: AuthSession.Kind
        if request.url.path.hasPrefix("/api/") {
            guard let bearer = request.headers.bearerAuthorization else { return nil }
            (token, kind) = (bearer.token, .api)
        } else {
            guard let cookie = request.cookies[Self.cookieName(secure: secureCookies)]?.string, !cookie.isEmpty else {
                return nil
            }
            (token, kind) = (cookie, .web)
        }
        guard let session = try await AuthSession.find(token: token, kind: kind, on: request.db, now: request.now)
        else { return nil }
        return (session, token)
    }
}

/// The id of the current session's row: what signing out deletes.
struct CurrentSessionKey: StorageKey {
    typealias Value = UUID
}

/// The token of the current session as the client sent it: what its form tokens are bound to.
struct SessionTokenKey: StorageKey {
    typealias Value = String
}

extension Request {
    var currentSessionID: UUID? { storage[CurrentSessionKey.self] }
    var sessionToken: String? { storage[SessionTokenKey.self] }

    /// The signed-in account; routes reach here only when their policy required one.
    func requireAccount() throws -> Account {
        guard let account = auth.get(Account.self) else { throw LogisError.authenticationRequired }
        return account
    }
}
