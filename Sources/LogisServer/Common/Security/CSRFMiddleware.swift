import Crypto
import Vapor

/// Protects every browser form against cross-site posting.
///
/// Each form carries `_csrf` (or the `X-CSRF-Token` header for scripts): a `CSRFToken` bound to
/// the session when signed in, else to the nonce of the CSRF cookie (HttpOnly, SameSite=Strict,
/// `__Host-` over HTTPS so that a sibling domain cannot plant one). The JSON API is exempt: it
/// authenticates with a bearer token that a foreign site cannot make a browser send.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    let secureCookies: Bool

    /// Browsers only accept a `__Host-` cookie that is Secure, for Path=/ and without Domain.
    static func cookieName(secure: Bool) -> String { secure ? "__Host-logis_csrf" : "logis_csrf" }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path.hasPrefix("/api/") {
            return try await next.respond(to: request)
        }
        let cookieName = Self.cookieName(secure: secureCookies)
        let nonce = CSRFToken.nonce(request.cookies[cookieName]?.string)
        let binding = request.csrfBinding(nonce: nonce)
        request.storage[CSRFStateKey.self] = CSRFState(
            nonce: nonce ?? CSRFToken.makeNonce(), session: request.sessionToken, rotated: false)
        // Without a matching route nothing will run: let the 404/405 answer speak for itself.
        if request.route != nil, ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let sent = try await submittedToken(of: request)
            guard let binding, CSRFToken.isValid(sent, for: binding, key: request.application.csrfKey) else {
                throw LogisError.csrfRejected
            }
        }
        let response = try await next.respond(to: request)
        if let state = request.storage[CSRFStateKey.self], nonce == nil || state.rotated {
            response.cookies[cookieName] = HTTPCookies.Value(
                string: state.nonce, path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// The token sent with the form: a header for scripts, else the form's `_csrf` field. The body
    /// was collected within its limits by `RequestBodyGate`; a multipart body is not decoded here,
    /// only its first part is read (the forms put the token first).
    private func submittedToken(of request: Request) async throws -> String? {
        if let header = request.headers.first(name: "X-CSRF-Token") { return header }
        guard let type = request.headers.contentType else { return nil }
        if type.type == "multipart" {
            guard let body = request.body.data, let boundary = type.parameters["boundary"],
                case .field(let name, let value) = MultipartFirstField.parse(body, boundary: boundary),
                name == Self.fieldName
            else { return nil }
            return value
        }
        guard type == .urlEncodedForm, request.body.data != nil else { return nil }
        struct Field: Decodable {
            let _csrf: String?
        }
        return (try? request.content.decode(Field.self))?._csrf
    }
}

/// What the page being rendered binds its forms to, and the nonce the response's cookie holds.
struct CSRFState {
    var nonce: String
    var session: String?
    var rotated: Bool
}

struct CSRFStateKey: StorageKey {
    typealias Value = CSRFState
}

extension Request {
    /// What a form posted with this request must be bound to: its session, else the cookie's
    /// nonce; nil for a stranger without the cookie, whose post cannot be genuine.
    func csrfBinding(nonce: String?) -> CSRFToken.Binding? {
        if let session = sessionToken { return .session(session) }
        return nonce.map { .anonymous(nonce: $0) }
    }

    /// The token to put in the forms of the page being rendered.
    var csrfToken: String {
        guard let state = storage[CSRFStateKey.self] else { return "" }
        let binding: CSRFToken.Binding = state.session.map { .session($0) } ?? .anonymous(nonce: state.nonce)
        return CSRFToken.mint(for: binding, key: application.csrfKey)
    }

    /// After sign-in (`session` is the new token) and sign-out (nil): the pages that follow bind
    /// their forms to the new state, and a fresh nonce replaces the old cookie.
    func rotateCSRFToken(session: String?) {
        storage[CSRFStateKey.self] = CSRFState(nonce: CSRFToken.makeNonce(), session: session, rotated: true)
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
