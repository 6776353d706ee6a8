import Fluent
import XCTVapor

@testable import LogisServer

final class GuichetAPITests: XCTestCase {
    func testPaperRequestThroughTheAPIWithDuplicateCheck() async throws {
        try await withApp(demo: true) { app in
            let agent = try await app.demoToken("enregistreur@demo.logis.fr")
            let accueil = try await app.demoToken("accueil@demo.logis.fr")
            struct Created: Decodable {
                let id: UUID
                let nud: String?
                let status: String
            }
            var ids: [UUID] = []
            for _ in 0..<2 {
                try await app.send(
                    .POST, "api/v1/guichet/requests",
                    beforeRequest: {
                        $0.headers.bearerAuthorization = .init(token: agent)
                        try $0.content.encode(["steps": RequestsAPITests.allSteps])
                    },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .created, res.body.string)
                        ids.append(try res.content.decode(Created.self).id)
                    })
            }
            try await app.send(
                .POST, "api/v1/guichet/requests/\(ids[0])/register",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: accueil) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden, "accueil cannot register") })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(ids[0])/register",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .created)
                    XCTAssertTrue(try res.content.decode(Created.self).nud?.hasSuffix("FSPCV") ?? false)
                })
            try await app.send(
                .GET, "api/v1/guichet/requests/\(ids[1])/duplicates",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: agent) },
                afterResponse: { res in XCTAssertTrue(res.body.string.contains(ids[0].uuidString)) })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(ids[1])/register",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .conflict)
                    XCTAssertTrue(res.body.string.contains("possible_duplicate"))
                })
            try await app.send(
                .GET, "api/v1/guichet/requests?q=martin",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .badRequest, "a name never goes in an address")
                    XCTAssertTrue(res.body.string.contains("search_by_person_needs_post"))
                })
            try await app.send(
                .POST, "api/v1/guichet/search",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: agent)
                    try $0.content.encode(["q": "martin"])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains(ids[0].uuidString))
                })
            let listed = try await AuditEntry.query(on: app.db).filter(\.$action == "request_listed")
                .filter(\.$reason == "recherche").all()
            XCTAssertEqual(
                Set(listed.compactMap(\.targetID)), Set(ids.map(\.uuidString)), "each file shown is recorded")
            let searches = try await AuditEntry.query(on: app.db).filter(\.$action == "request_search").all()
            XCTAssertEqual(searches.count, 1)
            XCTAssertEqual(searches.first?.reason, "recherche (texte) : 2 résultat(s)")
            XCTAssertFalse(searches.contains { ($0.reason ?? "").lowercased().contains("martin") }, "no search value")
            try await app.send(
                .GET, "api/v1/guichet/queues", beforeRequest: { $0.headers.bearerAuthorization = .init(token: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("\"queue\":\"attestations\""))
                })
            try await app.send(
                .POST, "api/v1/guichet/requests/\(ids[0])/radiate",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: agent)
                    try $0.content.encode(["motif": "abandon"])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("\"status\":\"radiee\""))
                })
        }
    }

    func testOtherTerritoryAndApplicantsAreKeptOut() async throws {
        try await withApp(demo: true) { app in
            let (applicantToken, id) = try await app.registeredApplicantRequest()
            let libercourt = try await app.demoToken("enregistreur.libercourt@demo.logis.fr")
            try await app.send(
                .GET, "api/v1/guichet/requests/\(id)",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: libercourt) },
                afterResponse: { XCTAssertEqual($0.status, .notFound) })
            try await app.send(
                .GET, "api/v1/guichet/queues",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: applicantToken) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
            let denied = try await AuditEntry.query(on: app.db).filter(\.$action == "request_read")
                .filter(\.$outcome == "denied").count()
            XCTAssertEqual(denied, 1)
        }
    }
}
