import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// The status moves the desk makes, through the core's state machine (its table is tested in
/// LogisCoreTests/RequestStateMachineTests).
final class RequestStatusMovesTests: XCTestCase {
    func testActivationMovesARegisteredRequestOnlyOnce() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.uploadIdentityPieces(of: id, session: agent, desk: true)
            try await app.send(
                .POST, "guichet/demandes/\(id)/activer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let active = try await app.storedRequest(id)
            XCTAssertEqual(active.status, .active)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$reason == "activated")
                .filter(\.$targetID == id.uuidString).count()
            XCTAssertEqual(audited, 1)
            let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == id)
                .filter(\.$kind == .activated).count()
            XCTAssertEqual(events, 1, "the activation is in the timeline")
            try await app.send(
                .POST, "guichet/demandes/\(id)/activer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .conflict, "an active request is not activated again") })
        }
    }

    func testTheAPIActivatesWithTheSameRefusalAsThePage() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.uploadIdentityPieces(of: id, session: agent, desk: true)
            let token = try await app.demoToken("enregistreur@demo.logis.fr")
            try await app.send(
                .POST, "api/v1/guichet/requests/\(id)/activate",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok, res.body.string)
                    XCTAssertTrue(res.body.string.contains("\"status\":\"active\""), res.body.string)
                })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(id)/activate",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .conflict)
                    XCTAssertTrue(res.body.string.contains("invalid_transition"), res.body.string)
                })
            // The same unknown motif gets the same code on the page and in the API.
            try await app.send(
                .POST, "api/v1/guichet/requests/\(id)/radiate",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["motif": "lassitude"])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("unknown_motif"), res.body.string)
                })
            try await app.send(
                .POST, "guichet/demandes/\(id)/radier",
                beforeRequest: { Browser.post(&$0, form: ["motif": "", "confirm": "oui"], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("Choisissez le motif de la radiation"), res.body.string)
                })
            let untouched = try await app.storedRequest(id)
            XCTAssertEqual(untouched.status, .active)
        }
    }

    /// The page's buttons come from the routes' policies and the state machine (`can`), never
    /// from a role test in the template.
    func testTheFilePageOffersWhatTheRoutesAndTheStateMachineAllow() async throws {
        try await withApp(demo: true) { app in
            let clock = MovableClock(try CalendarDate(iso: "2026-01-10"))
            app.clock = clock.logisClock
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.uploadIdentityPieces(of: id, session: agent, desk: true)
            func page(_ session: String) async throws -> String {
                var body = ""
                try await app.send(
                    .GET, "guichet/demandes/\(id)", beforeRequest: { Browser.withSession(&$0, session) },
                    afterResponse: { body = $0.body.string })
                return body
            }
            let registered = try await page(agent)
            XCTAssertTrue(registered.contains("/activer"))
            XCTAssertTrue(registered.contains("/radier"))
            let accueil = try await Browser.signIn(app, email: "accueil@demo.logis.fr", password: DemoData.password)
            let seenByAccueil = try await page(accueil)
            XCTAssertFalse(seenByAccueil.contains("/activer"), "the route refuses accueil")
            XCTAssertFalse(seenByAccueil.contains("/radier"))
            XCTAssertTrue(seenByAccueil.contains("/attestation.pdf"), "accueil may print the attestation")
            try await app.send(
                .POST, "guichet/demandes/\(id)/activer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let active = try await page(agent)
            XCTAssertFalse(active.contains("/activer"), "an active request is not activated again")
            try await app.send(
                .POST, "guichet/demandes/\(id)/radier",
                beforeRequest: { Browser.post(&$0, form: ["motif": "abandon", "confirm": "oui"], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let admin = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            let radiated = try await page(admin)
            XCTAssertTrue(radiated.contains("/annuler-radiation"))
            let seenAfterRadiation = try await page(agent)
            XCTAssertFalse(seenAfterRadiation.contains("/radier\""), "a struck-off request is not struck off again")
            XCTAssertFalse(seenAfterRadiation.contains("/pieces\" enctype"), "a closed file takes no new piece")
            XCTAssertFalse(seenAfterRadiation.contains("/priorites\""), "nor a new priority")
            XCTAssertTrue(active.contains("/pieces\" enctype"), "a live file takes pieces")
            try await app.send(
                .POST, "guichet/demandes/\(id)/priorites",
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["criterion": "dalo", "decidedOn": "2026-01-05", "reference": "D-1"], session: agent)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .conflict, "the route refuses what the page no longer offers")
                    XCTAssertTrue(res.body.string.contains("close"), res.body.string)
                })
            clock.set(try CalendarDate(iso: "2026-02-10"))
            let late = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            let tooLate = try await page(late)
            XCTAssertFalse(tooLate.contains("/annuler-radiation"), "31 days later the window is closed")
        }
    }

    func testARadiationCanBeCancelledForThirtyDaysOnly() async throws {
        try await withApp(demo: true) { app in
            let clock = MovableClock(try CalendarDate(iso: "2026-01-10"))
            app.clock = clock.logisClock
            var ids: [UUID] = []
            for _ in 0..<2 {
                let (_, id) = try await app.registeredPaperRequest()
                let token = try await app.demoToken("enregistreur@demo.logis.fr")
                try await app.send(
                    .POST, "api/v1/guichet/requests/\(id)/radiate",
                    beforeRequest: {
                        $0.headers.bearerAuthorization = .init(token: token)
                        try $0.content.encode(["motif": "abandon"])
                    },
                    afterResponse: { XCTAssertEqual($0.status, .ok, $0.body.string) })
                ids.append(id)
            }
            clock.set(try CalendarDate(iso: "2026-02-09"))
            let admin = try await app.demoToken("admin@demo.logis.fr")
            try await app.send(
                .POST, "api/v1/guichet/requests/\(ids[0])/restore",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: admin) },
                afterResponse: { XCTAssertEqual($0.status, .ok, "30 days later, the last day") })
            clock.set(try CalendarDate(iso: "2026-02-10"))
            let later = try await app.demoToken("admin@demo.logis.fr")
            try await app.send(
                .POST, "api/v1/guichet/requests/\(ids[1])/restore",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: later) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .conflict, "31 days later: closed")
                    XCTAssertTrue(res.body.string.contains("restore_window_closed"))
                })
            let restored = try await app.storedRequest(ids[0])
            XCTAssertEqual(restored.status, .enregistree)
            let stillRadiated = try await app.storedRequest(ids[1])
            XCTAssertEqual(stillRadiated.status, .radiee)
        }
    }
}
