import Fluent
import Foundation
import LogisCore
import XCTVapor

@testable import LogisServer

/// A known year 2026 in Petite Camargue, on the demo stock and réservataires, whose report is
/// computed by hand in the tests.
///
/// Agreements 2026: Action Logement Services 15 % of SEMIGA, 20 % of Habitat du Gard; Préfecture
/// du Gard 30 % of SEMIGA (5 % public agents); Commune de Vauvert 10 % of SEMIGA.
/// SEMIGA's vacancies of 2026: 8 counted — VAU-COS-4 (Action Logement) twice, VAU-COS-2 and
/// VAU-COS-5 (bailleur), VAU-COS-3 (État), VAU-GAR-3 and VAU-COS-1 (commune, Vauvert), CAI-ETA-2
/// (commune, Le Cailar) — and 3 not counted: VAU-COS-6 withdrawn, VAU-COS-1's round without a
/// taker, VAU-COS-4 in December 2025. Habitat du Gard: 3 (VAU-MAR-1, VAU-MAR-3, BEA-OLI-2).
/// Un Toit Pour Tous: 1 (AIM-VIG-3, Action Logement) without an agreement.
/// Leases of 2026: A on VAU-COS-4 (DALO, 6 000 €), B on AIM-VIG-3 (30 000 € for 3 persons),
/// E on VAU-GAR-3 (QPV, 9 000 €), F on VAU-COS-1 (20 000 €), G on VAU-COS-2 (bailleur); C on
/// VAU-COS-4 in 2025. Pending incomes 8 000, 12 000, 16 000, 20 000: first-quartile threshold 12 000.
enum ReservataireFixture {
    static func load(on app: Application) async throws {
        app.clock = .fixed(try CalendarDate(iso: "2026-06-15").startOfDayDate)
        let pc = try await ObservatoryFixture.territory("petite-camargue", on: app.db)
        try await FluxShareRecord.query(on: app.db).delete()
        try await share("Action Logement Services", "SEMIGA", 15, on: app.db)
        try await share("Action Logement Services", "Habitat du Gard", 20, on: app.db)
        try await share("Préfecture du Gard", "SEMIGA", 30, agents: 5, on: app.db)
        try await share("Commune de Vauvert", "SEMIGA", 10, on: app.db)
        for rfr in [8_000, 12_000, 16_000, 20_000] {
            try await ObservatoryFixture.request(
                app, pc, .active, filed: "2025-01-01", wishes: [ObservatoryFixture.vauvert], typology: "T3", rfr: rfr)
        }
        let a = try await satisfied(app, pc, rfr: 6_000, priorities: "dalo")
        let b = try await satisfied(app, pc, rfr: 30_000, persons: 3)
        let c = try await satisfied(app, pc, rfr: 5_000)
        let e = try await satisfied(app, pc, rfr: 9_000)
        let f = try await satisfied(app, pc, rfr: 20_000)
        let g = try await satisfied(app, pc, rfr: 7_000)
        let refused = try await satisfied(app, pc, rfr: 4_000)
        try await vacancy("VAU-COS-4", "2026-02-01", .leased, lease: (a, "2026-02-20"), on: app)
        try await vacancy("VAU-COS-4", "2026-09-01", .open, lease: (refused, nil), on: app)
        try await vacancy("VAU-COS-2", "2026-03-01", .leased, lease: (g, "2026-03-20"), on: app)
        try await vacancy("VAU-COS-3", "2026-04-01", .attributed, on: app)
        try await vacancy("VAU-GAR-3", "2026-05-01", .leased, lease: (e, "2026-05-25"), on: app)
        try await vacancy("CAI-ETA-2", "2026-05-10", .open, on: app)
        try await vacancy("VAU-COS-5", "2026-06-01", .open, on: app)
        try await vacancy("VAU-COS-6", "2026-06-02", .withdrawn, on: app)
        try await vacancy("VAU-COS-1", "2026-01-15", .noTaker, on: app)
        try await vacancy("VAU-COS-1", "2026-02-20", .leased, lease: (f, "2026-03-10"), on: app)
        try await vacancy("VAU-COS-4", "2025-12-20", .leased, lease: (c, "2025-12-28"), on: app)
        try await vacancy("VAU-MAR-1", "2026-03-03", .open, on: app)
        try await vacancy("VAU-MAR-3", "2026-04-04", .open, on: app)
        try await vacancy("BEA-OLI-2", "2026-07-07", .open, on: app)
        try await vacancy("AIM-VIG-3", "2026-03-15", .leased, lease: (b, "2026-04-01"), on: app)
    }

    static func holder(_ name: String, on db: any Database) async throws -> ReservataireRecord {
        let found = try await ReservataireRecord.query(on: db).filter(\.$name == name).first()
        return try XCTUnwrap(found, name)
    }

    static func share(
        _ holder: String, _ bailleur: String, _ percent: Int, agents: Int? = nil, on db: any Database
    ) async throws {
        let record = try await Self.holder(holder, on: db)
        let found = try await Organisation.query(on: db).filter(\.$name == bailleur).first()
        let organisation = try XCTUnwrap(found)
        try await FluxShareRecord(
            reservataireID: try record.requireID(), bailleurID: try organisation.requireID(), year: 2026,
            share: FluxShare(percent: percent), publicAgents: agents.map(FluxShare.init(percent:))
        ).create(on: db)
    }

    static func satisfied(
        _ app: Application, _ territory: Territory, rfr: Int, persons: Int = 1, priorities: String? = nil
    ) async throws -> HousingRequest {
        try await ObservatoryFixture.request(
            app, territory, .satisfaite, filed: "2025-01-01", wishes: [ObservatoryFixture.vauvert], typology: "T3",
            rfr: rfr, persons: persons, priorities: priorities, satisfied: "2026-01-02")
    }

    static func vacancy(
        _ dwellingReference: String, _ availableOn: String, _ status: Vacancy.Status,
        lease: (HousingRequest, String?)? = nil, on app: Application
    ) async throws {
        let found = try await StockDwelling.query(on: app.db).filter(\.$reference == dwellingReference)
            .with(\.$residence) { $0.with(\.$commune) }.first()
        let dwelling = try XCTUnwrap(found, dwellingReference)
        let vacancy = Vacancy()
        vacancy.$dwelling.id = try dwelling.requireID()
        vacancy.$organisation.id = dwelling.$organisation.id
        vacancy.$territory.id = dwelling.residence.$territory.id
        vacancy.communeCode = dwelling.residence.commune.inseeCode ?? ""
        vacancy.availableOn = availableOn
        vacancy.status = status
        vacancy.declaredBy = UUID()
        vacancy.declaredAt = Date()
        try await vacancy.create(on: app.db)
        guard let (request, signedOn) = lease else { return }
        let offer = OfferRecord()
        offer.vacancyID = try vacancy.requireID()
        offer.requestID = try request.requireID()
        offer.nud = "NUD-TEST"
        offer.rank = 1
        offer.sentOn = availableOn
        offer.deadline = availableOn
        offer.state = signedOn == nil ? "refused" : "accepted"
        offer.leaseSignedOn = signedOn
        offer.visitContact = "test"
        try await offer.create(on: app.db)
    }
}
