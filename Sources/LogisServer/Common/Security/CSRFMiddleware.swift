import Crypto
import Vapor

/// Protects every browser form against cross-site posting (double-submit token).
///
/// The token lives in an HttpOnly, SameSite=Strict cookie and is repeated in each form as `_csrf`
/// (or the `X-CSRF-Token` header for scripts). The JSON API is exempt: it authenticates with a
/// bearer token that a foreign site cannot make a browser send.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "logis_csrf"
    static let fieldName = "_csrf"
    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path.hasPrefix("/api/") {
            return try await next.respond(to: request)
        }
        let existing = request.cookies[Self.cookieName]?.string
        let token = existing.flatMap { $0.count == 43 ? $0 : nil } ?? Self.makeToken()
        request.storage[CSRFTokenKey.self] = token
        // Without a matching route nothing will run: let the 404/405 answer speak for itself.
        if request.route != nil, ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // A token is exactly 43 characters: an empty cookie with an empty field is no pair.
            guard let existing, existing.count == 43, let sent = try await submittedToken(of: request),
                Self.constantTimeEquals(existing, sent)
            else {
                throw LogisError.csrfRejected
            }
        }
        let response = try await next.respond(to: request)
        if existing != token || request.storage[CSRFRotateKey.self] == true {
            let value = request.storage[CSRFTokenKey.self] ?? token
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: value, path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .strict)
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

    static func makeToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64URLEncodedString()
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

struct CSRFTokenKey: StorageKey {
    typealias Value = String
}

/// Set after sign-in so the token changes with the privilege level.
struct CSRFRotateKey: StorageKey {
    typealias Value = Bool
}

extension Request {
    /// The token to put in the forms of the page being rendered.
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }

    func rotateCSRFToken() {
        storage[CSRFTokenKey.self] = CSRFMiddleware.makeToken()
        storage[CSRFRotateKey.self] = true
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
