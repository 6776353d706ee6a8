import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// A stored answer whose code the vocabulary does not know is named, never read as a default.
final class StoredCodeTests: XCTestCase {
    func testAnUnknownStoredNationalityIsNamedNotReadAsFrench() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            let request = try await app.storedRequest(id)
            XCTAssertNoThrow(try request.form.documentSituation(on: app.clock.today))
            request.form.applicant?.nationality = "xx"
            try await request.save(on: app.db)
            XCTAssertThrowsError(try request.form.documentSituation(on: app.clock.today)) { error in
                XCTAssertEqual((error as? RuleError)?.code, "unknown_code")
            }
            try await app.send(
                .GET, "guichet/demandes/\(id)", beforeRequest: { Browser.withSession(&$0, agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("nationalité"), res.body.string)
                    XCTAssertTrue(res.body.string.contains("« xx »"), res.body.string)
                })
        }
    }

    func testAnUnknownStoredPriorityIsNamedNotDropped() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            let request = try await app.storedRequest(id)
            request.setPriorityCriteria([.dalo])
            XCTAssertEqual(try request.priorityCriteria(), [.dalo])
            // Written behind the model's back (an old version, a manual fix): saving through the
            // model refuses it already, the ranking row cannot be built from it.
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE housing_requests SET priorities = 'dalo,prioritaire_inventee' WHERE id = \(bind: id)"
            ).run()
            let corrupted = try await app.storedRequest(id)
            XCTAssertThrowsError(try corrupted.priorityCriteria()) { error in
                XCTAssertEqual((error as? RuleError)?.code, "unknown_code")
            }
            try await app.send(
                .GET, "guichet/demandes/\(id)", beforeRequest: { Browser.withSession(&$0, agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("statut prioritaire"), res.body.string)
                })
        }
    }
}
