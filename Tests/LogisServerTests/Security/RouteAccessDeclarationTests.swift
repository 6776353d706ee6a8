import Fluent
import XCTVapor

@testable import LogisServer

final class RouteAccessDeclarationTests: XCTestCase {
    func testEveryRouteDeclaresWhoMayCallIt() async throws {
        try await withApp { app in
            XCTAssertFalse(app.routes.all.isEmpty)
            let undeclared = app.routes.all.filter { $0.accessPolicy == nil }
                .map { "\($0.method) /\($0.path.string)" }
            XCTAssertEqual(undeclared, [], "routes without .access(…)")
        }
    }

    func testRouteWithoutDeclarationIsRefused() async throws {
        try await withApp { app in
            app.get("sans-declaration") { _ in "secret" }
            try await app.send(.GET, "sans-declaration") { res in
                XCTAssertEqual(res.status, .forbidden)
                XCTAssertFalse(res.body.string.contains("secret"))
            }
        }
    }

    func testRoleRestrictedRouteRefusesOtherRolesAndAuditsTheAttempt() async throws {
        try await withApp(demo: true) { app in
            app.get("reserve-admin") { _ in "ok" }.access(.only(.admin))
            let applicant = try await Browser.signIn(
                app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "reserve-admin", beforeRequest: { Browser.withSession(&$0, applicant) },
                afterResponse: { res in XCTAssertEqual(res.status, .forbidden) })
            let denied = try await AuditEntry.query(on: app.db).filter(\.$action == "access_denied").all()
            XCTAssertEqual(denied.count, 1)
            XCTAssertEqual(denied.first?.actorRole, "demandeur")
            let admin = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "reserve-admin", beforeRequest: { Browser.withSession(&$0, admin) },
                afterResponse: { res in XCTAssertEqual(res.status, .ok) })
        }
    }

    func testSignedInPageRedirectsAnonymousVisitorToSignIn() async throws {
        try await withApp { app in
            try await app.send(.GET, "compte") { res in
                XCTAssertEqual(res.status, .seeOther)
                XCTAssertEqual(res.headers.first(name: .location), "/connexion?suite=%2Fcompte")
            }
            try await app.send(.GET, "api/v1/me") { res in
                XCTAssertEqual(res.status, .unauthorized)
                XCTAssertTrue(res.body.string.contains("\"authentication_required\""))
            }
        }
    }
}
