import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// The status moves the desk makes, and the table they obey (DOMAIN.md §3 "Lifecycle").
final class RequestStatusMovesTests: XCTestCase {
    /// Every pair of statuses: allowed only where the lifecycle has an arrow.
    func testTheStatusTable() {
        let allowed: Set<String> = [
            "brouillon→enregistree", "brouillon→radiee", "enregistree→active", "enregistree→radiee",
            "active→en_instruction", "active→radiee", "en_instruction→active", "en_instruction→attribuee",
            "en_instruction→radiee", "attribuee→satisfaite", "attribuee→active", "attribuee→radiee",
        ]
        for from in RequestStatus.allCases {
            for to in RequestStatus.allCases {
                let key = "\(from.rawValue)→\(to.rawValue)"
                XCTAssertEqual(from.canMove(to: to), allowed.contains(key), key)
            }
        }
    }

    func testActivationMovesARegisteredRequestOnlyOnce() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.send(
                .POST, "guichet/demandes/\(id)/activer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let active = try await app.storedRequest(id)
            XCTAssertEqual(active.status, .active)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$reason == "activated")
                .filter(\.$targetID == id.uuidString).count()
            XCTAssertEqual(audited, 1)
            try await app.send(
                .POST, "guichet/demandes/\(id)/activer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .conflict, "an active request is not activated again") })
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
