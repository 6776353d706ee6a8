import Fluent
import Foundation
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// A sign-up never confirmed holds its address for a week (its link lasted 24 hours), then the
/// daily purge deletes it; a confirmed account, or one that holds a request, stays.
final class AccountPurgeJobsTests: XCTestCase {
    func testAnUnconfirmedSignUpIsDeletedAfterAWeekAndItsAddressIsFreeAgain() async throws {
        try await withApp { app in
            let start = Date()
            app.clock = .fixed(start)
            try await signUp("oublie@exemple.fr", app)
            try await app.signUpConfirmed(email: "confirme@exemple.fr")

            app.clock = .fixed(start.addingTimeInterval(6 * 24 * 3600))
            try await JobSupport.run(UnconfirmedAccountsPurgeJob(), app)
            let forgotten = try await account("oublie@exemple.fr", app)
            XCTAssertNotNil(forgotten, "six days: kept")

            app.clock = .fixed(start.addingTimeInterval(8 * 24 * 3600))
            try await JobSupport.run(UnconfirmedAccountsPurgeJob(), app)
            let purged = try await account("oublie@exemple.fr", app)
            XCTAssertNil(purged)
            let confirmed = try await account("confirme@exemple.fr", app)
            XCTAssertNotNil(confirmed)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "account_purged").count()
            XCTAssertEqual(audit, 1)
            // The address may be signed up for again, by its owner this time.
            try await app.signUpConfirmed(email: "oublie@exemple.fr")

            // The tokens of both links are more than a week past their end nine days later.
            let tokens = try await AccountToken.query(on: app.db).count()
            XCTAssertGreaterThan(tokens, 0)
            app.clock = .fixed(start.addingTimeInterval(20 * 24 * 3600))
            try await JobSupport.run(AccountTokensPurgeJob(), app)
            let tokensLeft = try await AccountToken.query(on: app.db).count()
            XCTAssertEqual(tokensLeft, 0)
        }
    }

    func testAnUnconfirmedAccountHoldingARequestIsKept() async throws {
        try await withApp(demo: true) { app in
            let start = Date()
            app.clock = .fixed(start)
            let (_, id) = try await app.registeredApplicantRequest()
            let stored = try await app.storedRequest(id)
            let owner = try XCTUnwrap(stored.$account.id)
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE accounts SET email_confirmed_at = NULL WHERE id = \(bind: owner)").run()
            app.clock = .fixed(start.addingTimeInterval(30 * 24 * 3600))
            try await JobSupport.run(UnconfirmedAccountsPurgeJob(), app)
            let kept = try await Account.find(owner, on: app.db)
            XCTAssertNotNil(kept)
        }
    }

    private func signUp(_ email: String, _ app: Application) async throws {
        try await app.send(
            .POST, "api/v1/accounts",
            beforeRequest: {
                try $0.content.encode(["email": email, "password": "Logement-Test-2026", "displayName": "Oubli"])
            },
            afterResponse: { XCTAssertEqual($0.status, .accepted, $0.body.string) })
    }

    private func account(_ email: String, _ app: Application) async throws -> Account? {
        try await Account.query(on: app.db).filter(\.$email == email).first()
    }
}
