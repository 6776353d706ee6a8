import Fluent
import XCTVapor

@testable import LogisServer

/// Every signed-in request builds its account from one plain row (`AuthSession.find`): it must
/// be the stored account, every field, and save like one read through Fluent.
final class SignedInAccountTests: XCTestCase {
    func testTheSessionsAccountIsTheStoredAccount() async throws {
        try await withApp(demo: true) { app in
            for email in ["demandeur@demo.logis.fr", "enregistreur@demo.logis.fr", "bailleur@demo.logis.fr"] {
                let token = try await app.demoToken(email)
                let found = try await AuthSession.find(token: token, kind: .api, on: app.db, now: app.clock.now)
                let signedIn = try XCTUnwrap(found, email)
                let stored = try await Account.query(on: app.db).filter(\.$email == email).first()
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                XCTAssertEqual(
                    String(decoding: try encoder.encode(signedIn.account), as: UTF8.self),
                    String(decoding: try encoder.encode(XCTUnwrap(stored)), as: UTF8.self), email)
                let asWeb = try await AuthSession.find(token: token, kind: .web, on: app.db, now: app.clock.now)
                XCTAssertNil(asWeb, "an API token is not a browser session")
                let later = app.clock.now.addingTimeInterval(AuthSession.lifetime)
                let expired = try await AuthSession.find(token: token, kind: .api, on: app.db, now: later)
                XCTAssertNil(expired, "expired")
            }
        }
    }

    func testTheSessionsAccountSavesAsAnUpdate() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.demoToken("accueil@demo.logis.fr")
            let found = try await AuthSession.find(token: token, kind: .api, on: app.db, now: app.clock.now)
            let account = try XCTUnwrap(found).account
            account.displayName = "Accueil renommé"
            try await account.save(on: app.db)
            let stored = try await Account.query(on: app.db).filter(\.$email == "accueil@demo.logis.fr").all()
            XCTAssertEqual(stored.map(\.displayName), ["Accueil renommé"])
        }
    }
}

final class HexDigestTests: XCTestCase {
    /// Sessions are stored by this hash: a change of its spelling would sign everybody out.
    func testTheDigestIsTheLowercaseHexOfSHA256() {
        XCTAssertEqual(
            HexDigest.sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(HexDigest.sha256(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
