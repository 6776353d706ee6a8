import Foundation
import Vapor
import XCTVapor

/// A form token pair as a browser would hold it: the cookie and the same value in the form.
enum Browser {
    static let csrfToken = String(repeating: "a", count: 43)

    static func form(_ fields: [String: String], csrf: String? = csrfToken) -> String {
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
        req.body = ByteBuffer(string: form(fields))
        var cookies = HTTPCookies()
        cookies["logis_csrf"] = .init(string: csrfToken)
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
        let body = Multipart.body(fields: fields.merging(["_csrf": csrfToken], uniquingKeysWith: { $1 }), file: file)
        req.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
        req.body = ByteBuffer(data: body)
        var cookies = HTTPCookies()
        cookies["logis_csrf"] = .init(string: csrfToken)
        cookies["logis_session"] = .init(string: session)
        req.headers.cookie = cookies
    }
}
