import Fluent
import Foundation
import LogisCore
import XCTVapor

@testable import LogisServer

/// A small known dataset on top of the demo territories and stock (21 dwellings in Petite
/// Camargue, 3 in Libercourt), whose figures are computed by hand in the tests:
///
/// Petite Camargue, pending: P1 Vauvert+Aimargues T2 8 000 €, P2 Vauvert T3 12 000 €,
/// P3 Aimargues T3 16 000 €, P4 Vauvert T4 20 000 €, P5 Le Cailar T3 (income unknown); one person
/// each, so the income per consumption unit is the RFR.
/// Satisfied in 2026: A1 filed 2025-01-01 → 2026-03-01 (424 days, 6 000 €, DALO, Vauvert),
/// A2 filed 2025-06-01 → 2026-02-01 (245 days, 30 000 € for 3 persons = 15 000 per unit, Aimargues),
/// A3 filed 2026-01-01 → 2026-04-11 (100 days, income unknown, Vauvert). A0 satisfied in 2025.
/// Timeline: P2 and P3 renewed in March 2026, R1 struck off in May 2026, P2 renewed in December
/// 2025; in Libercourt one pending request L1, renewed in March 2026.
enum ObservatoryFixture {
    static let vauvert = "30341"
    static let aimargues = "30006"
    static let cailar = "30059"

    static func load(on app: Application) async throws {
        app.clock = .fixed(try CalendarDate(iso: "2026-06-15").startOfDayDate)
        let pc = try await territory("petite-camargue", on: app.db)
        let libercourt = try await territory("libercourt", on: app.db)
        _ = try await request(
            app, pc, .active, filed: "2024-05-01", wishes: [vauvert, aimargues], typology: "T2", rfr: 8_000)
        let p2 = try await request(
            app, pc, .active, filed: "2024-03-01", wishes: [vauvert], typology: "T3", rfr: 12_000)
        let p3 = try await request(
            app, pc, .enInstruction, filed: "2023-03-20", wishes: [aimargues], typology: "T3", rfr: 16_000)
        _ = try await request(app, pc, .attribuee, filed: "2025-02-01", wishes: [vauvert], typology: "T4", rfr: 20_000)
        _ = try await request(app, pc, .enregistree, filed: "2026-05-01", wishes: [cailar], typology: "T3", rfr: nil)
        _ = try await request(
            app, pc, .satisfaite, filed: "2025-01-01", wishes: [vauvert], typology: "T2", rfr: 6_000,
            priorities: "dalo",
            satisfied: "2026-03-01")
        _ = try await request(
            app, pc, .satisfaite, filed: "2025-06-01", wishes: [aimargues], typology: "T3", rfr: 30_000, persons: 3,
            satisfied: "2026-02-01")
        _ = try await request(
            app, pc, .satisfaite, filed: "2026-01-01", wishes: [vauvert], typology: "T3", rfr: nil,
            satisfied: "2026-04-11")
        _ = try await request(
            app, pc, .satisfaite, filed: "2024-01-01", wishes: [vauvert], typology: "T3", rfr: 5_000,
            satisfied: "2025-12-15")
        let r1 = try await request(app, pc, .radiee, filed: "2024-04-01", wishes: [vauvert], typology: "T3", rfr: 1_000)
        let l1 = try await request(
            app, libercourt, .active, filed: "2024-03-01", wishes: ["62907"], typology: "T2", rfr: 9_000)
        try await event(p2, .renewed, on: "2026-03-10", app: app)
        try await event(p3, .renewed, on: "2026-03-20", app: app)
        try await event(r1, .radiated, on: "2026-05-05", app: app)
        try await event(p2, .renewed, on: "2025-12-10", app: app)
        try await event(l1, .renewed, on: "2026-03-12", app: app)
        // A timeline line of another kind is not counted.
        try await event(p3, .updated, on: "2026-03-21", app: app)
    }

    static func territory(_ slug: String, on db: any Database) async throws -> Territory {
        let territory = try await Territory.query(on: db).filter(\.$slug == slug).first()
        return try XCTUnwrap(territory)
    }

    @discardableResult
    static func request(
        _ app: Application, _ territory: Territory, _ status: RequestStatus, filed: String, wishes: [String],
        typology: String, rfr: Int?, persons: Int = 1, priorities: String? = nil, satisfied: String? = nil
    ) async throws -> HousingRequest {
        let request = HousingRequest(accountID: nil)
        request.$territory.id = try territory.requireID()
        request.status = status
        request.firstFiledOn = filed
        request.primaryTypology = typology
        request.incomeRFR = rfr
        request.householdPersons = persons
        request.priorities = priorities
        if let satisfied {
            request.radiatedAt = try CalendarDate(iso: satisfied).startOfDayDate
            let columns = SatisfactionColumns(firstFiledOn: filed, satisfiedAt: request.radiatedAt)
            request.satisfiedOn = columns.satisfiedOn
            request.waitedDays = columns.waitedDays
        }
        try await request.create(on: app.db)
        for (rank, code) in wishes.enumerated() {
            let found = try await Commune.query(on: app.db).filter(\.$inseeCode == code).first()
            let commune = try XCTUnwrap(found)
            try await RequestWish(
                requestID: try request.requireID(), communeID: try commune.requireID(), rank: rank + 1
            )
            .create(on: app.db)
        }
        return request
    }

    static func event(
        _ request: HousingRequest, _ kind: RequestEvent.Kind, on day: String, app: Application
    )
        async throws
    {
        let event = RequestEvent(requestID: try request.requireID(), kind: kind, label: "Test", actor: nil)
        event.occurredAt = try CalendarDate(iso: day).startOfDayDate
        try await event.create(on: app.db)
    }

    struct Table: Decodable {
        struct Row: Decodable {
            struct Cell: Decodable {
                let value: Double?
                let suppressed: Bool
            }
            let code: String
            let label: String
            let values: [Cell]
        }
        struct Column: Decodable {
            let key: String
            let label: String
        }
        let figure: String
        let columns: [Column]
        let rows: [Row]
        let smallCellsHidden: Bool

        func values(_ code: String) -> [Double?]? { rows.first { $0.code == code }?.values.map(\.value) }
    }
}
