import Foundation
import Vapor
import XCTVapor

@testable import LogisServer

/// Every route called by every role and anonymously: a refused caller gets 401/403 (or, on a
/// page, the sign-in redirect) and never the route's work; an allowed one is never refused. The
/// role × route table of docs/SECURITY.md is generated from the same declarations and must match
/// (`LOGIS_UPDATE_DOCS=1 swift test --filter AccessMatrixTests` rewrites it).
final class AccessMatrixTests: XCTestCase {
    static let begin = "<!-- access-matrix:begin -->"
    static let end = "<!-- access-matrix:end -->"

    func testEveryRouteWithEveryRoleAndAnonymously() async throws {
        try await withApp(demo: true) { app in
            var sessions: [Role: String] = [:]
            var tokens: [Role: String] = [:]
            for role in Role.allCases {
                sessions[role] = try await Browser.signIn(
                    app, email: DemoData.email(for: role), password: DemoData.password)
                tokens[role] = try await app.demoToken(DemoData.email(for: role))
            }
            var checked = 0
            var problems: [String] = []
            for route in app.routes.all {
                guard let policy = route.accessPolicy else { continue }
                let path = Self.concretePath(route)
                let isAPI = path.hasPrefix("api/")
                for role in [Role?.none] + Role.allCases.map(Optional.some) {
                    let allowed = policy.allows(role)
                    // Signing out ends the session the next calls need: its refusal is enough.
                    if allowed, path == "deconnexion" || (path == "api/v1/session" && route.method == .DELETE) {
                        continue
                    }
                    var status: HTTPStatus = .ok
                    var location = ""
                    try await app.send(
                        route.method, path,
                        beforeRequest: { req in
                            if isAPI {
                                if let role, let token = tokens[role] {
                                    req.headers.bearerAuthorization = .init(token: token)
                                }
                            } else if [.GET, .HEAD].contains(route.method) {
                                if let role, let session = sessions[role] { Browser.withSession(&req, session) }
                            } else {
                                Browser.post(&req, form: [:], session: role.flatMap { sessions[$0] })
                            }
                        },
                        afterResponse: { res in
                            status = res.status
                            location = res.headers.first(name: .location) ?? ""
                        })
                    checked += 1
                    let who = role?.rawValue ?? "anonyme"
                    let refused =
                        status == .unauthorized || status == .forbidden
                        || (status == .seeOther && location.hasPrefix("/connexion"))
                    if allowed, status == .forbidden || status == .unauthorized {
                        problems.append("\(route.method) /\(path) refused to \(who) (\(status.code))")
                    }
                    if !allowed, !refused {
                        problems.append("\(route.method) /\(path) answered \(status.code) to \(who)")
                    }
                    if status.code >= 500 { problems.append("\(route.method) /\(path) failed for \(who)") }
                }
            }
            XCTAssertEqual(problems, [])
            XCTAssertGreaterThan(checked, 500, "routes × (roles + anonymous) actually called")
            try Self.checkDocumentedMatrix(app, checked: checked)
        }
    }

    /// A path with its parameters filled: ids that exist nowhere (the access check comes first).
    static func concretePath(_ route: Route) -> String {
        route.path.map { component -> String in
            switch component {
            case .constant(let value): return value
            case .parameter(let name):
                switch name {
                case "queue": return "en-ligne"
                case "step": return "demandeur"
                case "reference", "request", "other", "document", "id": return UUID().uuidString
                default: return "x"
                }
            case .anything, .catchall: return "x"
            }
        }.joined(separator: "/")
    }

    static func matrix(_ app: Application) -> String {
        let roles = Role.allCases
        var lines = [
            "| route | anonyme | " + roles.map(\.rawValue).joined(separator: " | ") + " |",
            "|---|---|" + roles.map { _ in "---|" }.joined(),
        ]
        let routes = app.routes.all.compactMap { route in route.accessPolicy.map { (route, $0) } }
            .sorted { ($0.0.path.string, $0.0.method.rawValue) < ($1.0.path.string, $1.0.method.rawValue) }
        for (route, policy) in routes {
            let cells = ([nil] + roles.map(Optional.some)).map { policy.allows($0) ? "✓" : "·" }
            lines.append("| `\(route.method) /\(route.path.string)` | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    static func checkDocumentedMatrix(_ app: Application, checked: Int) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../docs/SECURITY.md"
        ).standardized
        var text = try String(contentsOf: url, encoding: .utf8)
        let routes = app.routes.all.filter { $0.accessPolicy != nil }.count
        let section =
            "\(begin)\n\(routes) routes × \(Role.allCases.count + 1) callers (the roles and anonymous): "
            + "\(checked) calls checked by `AccessMatrixTests`. ✓ allowed, · refused.\n\n\(matrix(app))\n\(end)"
        guard let start = text.range(of: begin), let stop = text.range(of: end) else {
            return XCTFail("docs/SECURITY.md has no \(begin) … \(end) section")
        }
        let current = String(text[start.lowerBound..<stop.upperBound])
        if ProcessInfo.processInfo.environment["LOGIS_UPDATE_DOCS"] == "1" {
            text.replaceSubrange(start.lowerBound..<stop.upperBound, with: section)
            try text.write(to: url, atomically: true, encoding: .utf8)
        } else {
            XCTAssertEqual(
                current, section,
                "docs/SECURITY.md's access matrix is out of date: LOGIS_UPDATE_DOCS=1 swift test --filter AccessMatrixTests"
            )
        }
    }
}
