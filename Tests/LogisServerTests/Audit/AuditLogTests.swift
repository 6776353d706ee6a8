import Fluent
import XCTVapor

@testable import LogisServer

final class AuditLogTests: XCTestCase {
    func testSignInSuccessFailureAndSignOutAreAudited() async throws {
        try await withApp(demo: true) { app in
            try await app.send(
                .POST, "connexion",
                beforeRequest: { Browser.post(&$0, form: ["email": "caleol@demo.logis.fr", "password": "mauvais"]) },
                afterResponse: { XCTAssertEqual($0.status, .unauthorized) })
            let session = try await Browser.signIn(app, email: "caleol@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "deconnexion", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })

            let found = try await Account.query(on: app.db).filter(\.$email == "caleol@demo.logis.fr").first()
            let account = try XCTUnwrap(found)
            let entries = try await AuditEntry.query(on: app.db).sort(\.$occurredAt).all()
            XCTAssertEqual(entries.map(\.action), ["sign_in_failed", "sign_in", "sign_out"])
            XCTAssertEqual(entries.map(\.outcome), ["failure", "success", "success"])
            for entry in entries {
                XCTAssertEqual(entry.actorAccountID, account.id)
                XCTAssertEqual(entry.actorRole, "caleol")
                XCTAssertNotNil(entry.requestID)
            }
        }
    }

    func testAuditEntriesHoldNoPersonalData() async throws {
        try await withApp(demo: true) { app in
            _ = try await Browser.signIn(app, email: "accueil@demo.logis.fr", password: DemoData.password)
            let entries = try await AuditEntry.query(on: app.db).all()
            XCTAssertFalse(entries.isEmpty)
            for entry in entries {
                let text = [entry.action, entry.targetID ?? "", entry.reason ?? "", entry.targetType ?? ""]
                    .joined(separator: " ")
                XCTAssertFalse(text.contains("@"), text)
            }
        }
    }
}
