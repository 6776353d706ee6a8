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
            let stored = try await app.storedRequest(existing)
            let nud = try XCTUnwrap(stored.nud)
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

/// Linking shows what differs, side by side, and keeps what the agent chose, section by section.
final class DuplicateLinkChoiceTests: XCTestCase {
    func testAChosenTypedValueIsKeptAndAnUnchosenOneIsNotDroppedSilently() async throws {
        try await withApp(demo: true) { app in
            let (agent, existing) = try await app.registeredPaperRequest()
            let entry = try await app.enterPaperRequest(
                session: agent,
                overrides: [
                    "ressources": ["taxIncomeN2": "19800"],
                    "logement-actuel": ["monthlyRent": "650"],
                ])
            let path = "guichet/demandes/\(entry)/saisie/rattacher/\(existing)"
            try await app.send(
                .POST, path, beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok, "differences: the comparison comes first")
                    let page = res.body.string
                    XCTAssertTrue(page.contains("name=\"choix_ressources\""), page)
                    XCTAssertTrue(page.contains("name=\"choix_logement-actuel\""), page)
                    XCTAssertFalse(page.contains("name=\"choix_motifs\""), "identical sections are not asked")
                    XCTAssertTrue(
                        page.contains(RequestSummary.euros(26500)) && page.contains(RequestSummary.euros(19800)),
                        "both incomes side by side")
                })
            try await app.send(
                .POST, path,
                beforeRequest: { Browser.post(&$0, form: ["choix_ressources": "saisie"], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(
                        res.status, .unprocessableEntity, "a section without a choice is not decided for the agent")
                    XCTAssertTrue(res.body.string.contains("Choisissez, pour chaque section"))
                })
            let undecided = try await HousingRequest.find(entry, on: app.db)
            XCTAssertNotNil(undecided, "nothing dropped yet")
            try await app.send(
                .POST, path,
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["choix_ressources": "saisie", "choix_logement-actuel": "existante"], session: agent)
                },
                afterResponse: {
                    XCTAssertEqual($0.headers.first(name: .location), "/guichet/demandes/\(existing)?message=rattachee")
                })
            let merged = try await app.storedRequest(existing)
            XCTAssertEqual(merged.form.resources?.taxIncomeN2, 19800, "the typed income, chosen, is kept")
            XCTAssertEqual(merged.incomeRFR, 19800, "and the list columns follow")
            XCTAssertEqual(merged.form.housing?.monthlyRent, 780, "the existing rent, chosen, stays")
            let gone = try await HousingRequest.find(entry, on: app.db)
            XCTAssertNil(gone, "the entry is gone once merged")
            let revisions = try await RequestRevision.query(on: app.db).filter(\.$request.$id == existing).all()
            XCTAssertEqual(revisions.map(\.sections), ["ressources"], "the change is in the request's history")
        }
    }
}
