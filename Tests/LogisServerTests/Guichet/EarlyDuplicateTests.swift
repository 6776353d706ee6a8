import Fluent
import XCTVapor

@testable import LogisServer

/// Issue 13 §3: the paper entry looks for the person's request as soon as the identity step is
/// filled, not on the summary after nine steps.
final class EarlyDuplicateTests: XCTestCase {
    func testTheIdentityStepLeadsToTheExistingRequestBeforeTheRest() async throws {
        try await withApp(demo: true) { app in
            let (agent, existing) = try await app.registeredPaperRequest()
            var location = ""
            try await app.send(
                .POST, "guichet/saisie", beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { location = $0.headers.first(name: .location) ?? "" })
            let entry = try XCTUnwrap(UUID(uuidString: String(location.split(separator: "/")[2])))
            let base = "guichet/demandes/\(entry)/saisie"
            let identity = try XCTUnwrap(FamilyInVauvert.steps.first { $0.slug == "demandeur" }).fields
            try await app.send(
                .POST, "\(base)/etape/demandeur", beforeRequest: { Browser.post(&$0, form: identity, session: agent) },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/\(base)/doublons") })
            var page = ""
            try await app.send(
                .GET, "\(base)/doublons", beforeRequest: { Browser.withSession(&$0, agent) },
                afterResponse: {
                    XCTAssertEqual($0.status, .ok)
                    page = $0.body.string
                })
            let nud = try XCTUnwrap(try await app.storedRequest(existing).nud)
            XCTAssertTrue(page.contains(nud), "the existing request is shown")
            XCTAssertTrue(page.contains("action=\"/\(base)/rattacher/\(existing)\""), "and can be linked")
            XCTAssertTrue(page.contains("Personne différente : continuer"))
            XCTAssertTrue(page.contains("href=\"/\(base)/etape/"), "a different person goes on to the next step")
            try await app.send(
                .POST, "\(base)/rattacher/\(existing)", beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: {
                    XCTAssertEqual($0.headers.first(name: .location), "/guichet/demandes/\(existing)?message=rattachee")
                })
            let dropped = try await HousingRequest.find(entry, on: app.db)
            XCTAssertNil(dropped, "linked at once: no second request, nothing else was typed")
        }
    }

    func testAPersonWithoutRequestGoesStraightOn() async throws {
        try await withApp(demo: true) { app in
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            var location = ""
            try await app.send(
                .POST, "guichet/saisie", beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { location = $0.headers.first(name: .location) ?? "" })
            let base = String(location.dropFirst()).replacingOccurrences(of: "/etape/demandeur", with: "")
            var identity = try XCTUnwrap(FamilyInVauvert.steps.first { $0.slug == "demandeur" }).fields
            identity["lastName"] = "Inconnue"
            identity["email"] = "inconnue@exemple.fr"
            identity["phone"] = "0611223344"
            try await app.send(
                .POST, "\(base)/etape/demandeur", beforeRequest: { Browser.post(&$0, form: identity, session: agent) },
                afterResponse: {
                    let next = $0.headers.first(name: .location) ?? ""
                    XCTAssertFalse(next.hasSuffix("/doublons"), next)
                    XCTAssertTrue(next.contains("/etape/"), next)
                })
        }
    }
}
