import XCTVapor

@testable import LogisServer

/// Issue 13 §11: agents' screens use the width they have; the applicant's pages and the public
/// ones keep a reading measure.
final class LayoutWidthTests: XCTestCase {
    func testAgentsGetTheWideLayoutAndApplicantsTheReadingOne() async throws {
        try await withApp(demo: true) { app in
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let applicant = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            for (path, session, wide) in [
                ("guichet", agent, true), ("mon-espace", applicant, false), ("", nil, false),
            ] as [(String, String?, Bool)] {
                try await app.send(
                    .GET, path, beforeRequest: { if let session { Browser.withSession(&$0, session) } },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .ok, path)
                        XCTAssertEqual(res.body.string.contains("container container-wide"), wide, "/\(path)")
                    })
            }
        }
    }
}
