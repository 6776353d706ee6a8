import Foundation
import Vapor
import XCTVapor

@testable import LogisServer

/// What a browser holds and sends with a form: the CSRF cookie's nonce, and in the form the token
/// the page would have given it (bound to the session when there is one, else to the nonce).
enum Browser {
    /// The server key of every test application (`TestApp.settings`), so that tokens can be
    /// minted here without a page.
    static let secretKey = String(repeating: "k", count: ServerSecret.minimumLength)
    static let csrfNonce = String(repeating: "a", count: CSRFToken.length)

    /// The form token for `session`, or for the anonymous nonce of the cookie.
    static func csrfToken(session: String? = nil) -> String {
        let binding: CSRFToken.Binding = session.map { .session($0) } ?? .anonymous(nonce: csrfNonce)
        return CSRFToken.mint(for: binding, key: ServerSecret.csrfKey(from: secretKey))
    }

    static func form(_ fields: [String: String], csrf: String? = csrfToken()) -> String {
        var all = fields
        if let csrf { all["_csrf"] = csrf }
        return all.map { key, value in
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    /// Prepares a form POST carrying the CSRF cookie, plus the session cookie when given.
    static func post(_ req: inout XCTHTTPRequest, form fields: [String: String], session: String? = nil) {
        req.headers.contentType = .urlEncodedForm
        req.body = ByteBuffer(string: form(fields, csrf: csrfToken(session: session)))
        var cookies = HTTPCookies()
        cookies["logis_csrf"] = .init(string: csrfNonce)
        if let session { cookies["logis_session"] = .init(string: session) }
        req.headers.cookie = cookies
    }

    static func sessionCookie(_ res: XCTHTTPResponse) -> String? {
        res.headers.setCookie?["logis_session"]?.string
    }

    static func withSession(_ req: inout XCTHTTPRequest, _ session: String) {
        var cookies = HTTPCookies()
        cookies["logis_session"] = .init(string: session)
        req.headers.cookie = cookies
    }

    /// Signs in through the real page and returns the session cookie value.
    static func signIn(_ app: Application, email: String, password: String) async throws -> String {
        var cookie: String?
        try await app.send(
            .POST, "connexion",
            beforeRequest: { req in post(&req, form: ["email": email, "password": password]) },
            afterResponse: { res in
                XCTAssertEqual(res.status, .seeOther)
                cookie = sessionCookie(res)
            })
        return try XCTUnwrap(cookie)
    }
}

extension Browser {
    /// A multipart form POST (file upload) with the CSRF token, as a browser sends it.
    static func postMultipart(
        _ req: inout XCTHTTPRequest, fields: [String: String], file: (name: String, filename: String, data: Data),
        session: String
    ) {
        let token = csrfToken(session: session)
        let body = Multipart.body(fields: fields.merging(["_csrf": token], uniquingKeysWith: { $1 }), file: file)
        req.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
        req.body = ByteBuffer(data: body)
        var cookies = HTTPCookies()
        cookies["logis_csrf"] = .init(string: csrfNonce)
        cookies["logis_session"] = .init(string: session)
        req.headers.cookie = cookies
    }
}
