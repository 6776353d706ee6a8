import Fluent
import Foundation
import XCTVapor

@testable import LogisServer

/// Who reads which report: a réservataire only its own, the EPCI its territory's, an applicant none.
final class ReservataireAccessTests: XCTestCase {
    struct Entry: Decodable {
        let name: String
    }

    func testAReservataireReadsOnlyItsOwnReport() async throws {
        try await withApp(demo: true) { app in
            let own = try await ReservataireFixture.holder("Action Logement Services", on: app.db)
            let other = try await ReservataireFixture.holder("Préfecture du Gard", on: app.db)
            let token = try await app.demoToken("reservataire@demo.logis.fr")
            try await app.send(
                .GET, "api/v1/stats/reservataires",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(try res.content.decode([Entry].self).map(\.name), ["Action Logement Services"])
            }
            try await app.send(
                .GET, "api/v1/stats/reservataires/\(try own.requireID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
            }
            try await app.send(
                .GET, "api/v1/stats/reservataires/\(try other.requireID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) { res in
                XCTAssertEqual(res.status, .notFound)
                XCTAssertTrue(res.body.string.contains("reservataire_not_found"))
            }
            let session = try await Browser.signIn(
                app, email: "reservataire@demo.logis.fr", password: DemoData.password)
            for path in ["reservataires/\(try other.requireID())", "reservataires/\(try other.requireID())/csv/flux"] {
                try await app.send(.GET, path, beforeRequest: { Browser.withSession(&$0, session) }) { res in
                    XCTAssertEqual(res.status, .notFound, path)
                }
            }
            try await app.send(.GET, "reservataires", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Action Logement Services"))
                XCTAssertFalse(res.body.string.contains("Préfecture du Gard"))
            }
        }
    }

    func testTheEpciReadsEveryReservataireOfItsTerritoryAndAnApplicantNone() async throws {
        try await withApp(demo: true) { app in
            let epci = try await app.demoToken("epci@demo.logis.fr")
            try await app.send(
                .GET, "api/v1/stats/reservataires",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: epci) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(try res.content.decode([Entry].self).count, DemoReservataires.holders.count)
            }
            let holder = try await ReservataireFixture.holder("Commune de Vauvert", on: app.db)
            let applicant = try await app.demoToken("demandeur@demo.logis.fr")
            for path in ["api/v1/stats/reservataires", "api/v1/stats/reservataires/\(try holder.requireID())"] {
                try await app.send(
                    .GET, path, beforeRequest: { $0.headers.bearerAuthorization = .init(token: applicant) }
                ) { res in
                    XCTAssertEqual(res.status, .forbidden, path)
                }
            }
            try await app.send(.GET, "api/v1/stats/reservataires") { res in
                XCTAssertEqual(res.status, .unauthorized)
            }
        }
    }
}
