import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

final class CotationTests: XCTestCase {
    struct Cotation: Decodable {
        struct Line: Decodable {
            let code: String
            let points: Int
            let counted: Bool
        }

        let gridId: String
        let gridVersion: Int
        let total: Int
        let lines: [Line]
        let position: Int
        let similarCount: Int
        let refusalEffect: String
        let averageWaitMonths: Double?
    }

    func testApplicantSeesBreakdownAndPositionAmongSimilarRequests() async throws {
        try await withApp(demo: true) { app in
            let (firstToken, firstID) = try await app.registeredApplicantRequest()
            let (secondToken, secondID) = try await app.registeredApplicantRequest()
            var first: Cotation?
            try await app.send(
                .GET, "api/v1/requests/\(firstID)/cotation",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: firstToken) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok, res.body.string)
                    first = try res.content.decode(Cotation.self)
                })
            let cotation = try XCTUnwrap(first)
            XCTAssertEqual(cotation.gridId, "petite-camargue")
            XCTAssertEqual(cotation.gridVersion, 1)
            XCTAssertEqual(cotation.total, cotation.lines.filter(\.counted).map(\.points).reduce(0, +))
            XCTAssertEqual(cotation.similarCount, 2)
            XCTAssertEqual(cotation.position, 1, "same score: the earlier filing comes first")
            XCTAssertFalse(cotation.refusalEffect.isEmpty)
            try await app.send(
                .GET, "api/v1/requests/\(secondID)/cotation",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: secondToken) },
                afterResponse: { res in XCTAssertEqual(try res.content.decode(Cotation.self).position, 2) })
            // A DALO priority set by a social worker moves the second request ahead.
            let found = try await HousingRequest.find(secondID, on: app.db)
            let second = try XCTUnwrap(found)
            second.priorities = "dalo"
            second.validatedCriteria = "dalo"
            try await second.save(on: app.db)
            try await RequestCotation.refresh(second, on: app.db, app: app)
            try await app.send(
                .GET, "api/v1/requests/\(secondID)/cotation",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: secondToken) },
                afterResponse: { res in
                    let moved = try res.content.decode(Cotation.self)
                    XCTAssertEqual(moved.position, 1)
                    XCTAssertGreaterThan(moved.total, cotation.total)
                    XCTAssertTrue(moved.lines.contains { $0.code == "dalo" && $0.counted })
                })
            try await app.send(
                .GET, "api/v1/requests/\(firstID)/cotation",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: secondToken) },
                afterResponse: { XCTAssertEqual($0.status, .notFound) })
        }
    }

    func testAverageWaitIsOverSatisfiedRequestsOfTheSameTerritoryAndTypology() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            let mine = try await app.storedRequest(id)
            for (filed, leased) in [
                ("2024-01-10", "2025-01-10"), ("2024-01-10", "2025-07-10"), ("2023-01-10", "2026-01-10"),
            ] {
                let other = HousingRequest(accountID: nil)
                other.$territory.id = mine.$territory.id
                other.primaryTypology = filed == "2023-01-10" ? "T6" : mine.primaryTypology
                other.status = .satisfaite
                other.firstFiledOn = filed
                other.radiatedAt = try CalendarDate(iso: leased).startOfDayDate
                other.syncSearchColumns()
                try await other.create(on: app.db)
            }
            try await app.send(
                .GET, "api/v1/requests/\(id)/cotation",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    let cotation = try res.content.decode(Cotation.self)
                    XCTAssertEqual(cotation.averageWaitMonths, 15, "12 and 18 months; the T6 request is not alike")
                })
        }
    }
}
