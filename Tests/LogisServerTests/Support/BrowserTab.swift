import Foundation
import Vapor
import XCTVapor

/// A browser tab that keeps its cookies and takes the form token from the pages it opens, the
/// only way a real browser gets one: the tests see what the pages hand out, not how it is made.
struct BrowserTab {
    let app: Application
    var cookies: [String: String] = [:]
    /// The `_csrf` field of the last page opened.
    var pageToken: String?

    init(_ app: Application, cookies: [String: String] = [:], pageToken: String? = nil) {
        self.app = app
        self.cookies = cookies
        self.pageToken = pageToken
    }

    mutating func open(_ path: String) async throws {
        var received: XCTHTTPResponse?
        try await app.send(
            .GET, path, beforeRequest: { [cookies] req in req.headers.cookie = Self.header(cookies) },
            afterResponse: { received = $0 })
        let response = try XCTUnwrap(received)
        XCTAssertEqual(response.status, .ok, path)
        keep(response)
        pageToken = Self.formToken(in: response.body.string)
    }

    /// Posts a form with `token` as `_csrf` (the page's by default) and keeps the cookies it sets.
    @discardableResult
    mutating func post(
        _ path: String, _ fields: [String: String] = [:], token: String? = nil
    ) async throws
        -> XCTHTTPResponse
    {
        var all = fields
        all["_csrf"] = token ?? pageToken ?? ""
        var received: XCTHTTPResponse?
        try await app.send(
            .POST, path,
            beforeRequest: { [cookies] req in
                req.headers.cookie = Self.header(cookies)
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: Browser.form(all, csrf: nil))
            },
            afterResponse: { received = $0 })
        let response = try XCTUnwrap(received)
        keep(response)
        return response
    }

    private mutating func keep(_ response: XCTHTTPResponse) {
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            cookies[name] = value.maxAge == 0 ? nil : value.string
        }
    }

    static func header(_ cookies: [String: String]) -> HTTPCookies {
        var header = HTTPCookies()
        for (name, value) in cookies { header[name] = .init(string: value) }
        return header
    }

    static func formToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value="[^"]*""#, options: .regularExpression) else {
            return nil
        }
        return String(html[range].dropFirst(#"name="_csrf" value=""#.count).dropLast())
    }
}
