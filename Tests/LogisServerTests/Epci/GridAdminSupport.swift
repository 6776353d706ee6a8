import Foundation
import LogisCore
import XCTVapor

@testable import LogisServer

/// The EPCI administrator's calls on the Petite Camargue grid, through the JSON API.
struct GridAdminSupport {
    let app: Application
    let token: String

    static let base = "api/v1/territories/petite-camargue/grids"

    static func make(_ app: Application) async throws -> GridAdminSupport {
        GridAdminSupport(app: app, token: try await app.demoToken("epci@demo.logis.fr"))
    }

    /// Version 1 as bundled, with other points for some criteria.
    static func bundledGrid(points: [String: Int]) throws -> CotationGrid {
        let grid = try CotationGridCatalog.bundled.grid(id: "petite-camargue", version: 1)
        return CotationGrid(
            id: grid.id, version: grid.version, label: grid.label, territory: grid.territory, source: grid.source,
            criteria: grid.criteria.map {
                CotationCriterion(
                    code: $0.code, label: $0.label, points: points[$0.code] ?? $0.points, when: $0.when, per: $0.per,
                    cap: $0.cap, needsValidation: $0.needsValidation)
            }, seniority: grid.seniority, refusals: grid.refusals)
    }

    /// A new draft holding `grid`; returns its version.
    func draft(_ grid: CotationGrid) async throws -> Int {
        struct Detail: Decodable {
            let status: String
            let grid: CotationGrid
        }
        var version = 0
        try await app.send(
            .POST, Self.base,
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: token)
                $0.headers.contentType = .json
                $0.body = ByteBuffer(data: try JSONEncoder().encode(grid))
            },
            afterResponse: { res in
                XCTAssertEqual(res.status, .created, res.body.string)
                let detail = try res.content.decode(Detail.self)
                XCTAssertEqual(detail.status, "draft")
                version = detail.grid.version
            })
        return version
    }

    func publish(_ version: Int, from day: String, expect status: HTTPStatus = .ok) async throws -> String {
        var body = ""
        try await app.send(
            .POST, "\(Self.base)/\(version)/publish",
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: token)
                try $0.content.encode(["effectiveFrom": day])
            },
            afterResponse: { res in
                XCTAssertEqual(res.status, status, res.body.string)
                body = res.body.string
            })
        return body
    }
}
