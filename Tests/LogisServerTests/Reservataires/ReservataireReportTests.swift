import Fluent
import Foundation
import XCTVapor

@testable import LogisServer

/// Each figure of a réservataire's report on ReservataireFixture's year, against the values
/// computed by hand there.
final class ReservataireReportTests: XCTestCase {
    struct Report: Decodable {
        struct Flux: Decodable, Equatable {
            let bailleur: String
            let sharePercent: Double?
            let publicAgentsPercent: Double?
            let bailleurVacancies: Int
            let vacanciesDue: Int
            let publicAgentsDue: Int?
            let vacanciesDelivered: Int
            let gap: Int
        }
        struct Quota: Decodable {
            let code: String
            let count: Int?
            let total: Int
            let sharePercent: Double?
            let minimumPercent: Int?
            let met: Bool?
            let shortfall: Int?
            let note: String?
        }
        let year: Int
        let flux: [Flux]
        let fluxTotal: Flux
        let quotas: [Quota]

        func quota(_ code: String) -> Quota? { quotas.first { $0.code == code } }
    }

    static func report(_ app: Application, _ name: String, token: String) async throws -> Report {
        let record = try await ReservataireFixture.holder(name, on: app.db)
        var report: Report?
        try await app.send(
            .GET, "api/v1/stats/reservataires/\(try record.requireID())?annee=2026",
            beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
        ) { res in
            XCTAssertEqual(res.status, .ok, res.body.string)
            report = try res.content.decode(Report.self)
        }
        return try XCTUnwrap(report)
    }

    func testActionLogementsFluxDueAndDeliveredPerBailleur() async throws {
        try await withApp(demo: true) { app in
            try await ReservataireFixture.load(on: app)
            let admin = try await ObservatoryFiguresTests.adminToken(app)
            let report = try await Self.report(app, "Action Logement Services", token: admin)
            XCTAssertEqual(report.year, 2026)
            XCTAssertEqual(
                report.flux,
                [
                    // 20 % of 3 = 0.6 → 1 due, none of its contingent fell vacant.
                    .init(
                        bailleur: "Habitat du Gard", sharePercent: 20, publicAgentsPercent: nil, bailleurVacancies: 3,
                        vacanciesDue: 1, publicAgentsDue: nil, vacanciesDelivered: 0, gap: -1),
                    // 15 % of 8 = 1.2 → 1 due; VAU-COS-4 fell vacant twice in 2026.
                    .init(
                        bailleur: "SEMIGA", sharePercent: 15, publicAgentsPercent: nil, bailleurVacancies: 8,
                        vacanciesDue: 1, publicAgentsDue: nil, vacanciesDelivered: 2, gap: 1),
                    // No agreement, yet AIM-VIG-3 of its contingent was delivered.
                    .init(
                        bailleur: "Un Toit Pour Tous", sharePercent: nil, publicAgentsPercent: nil,
                        bailleurVacancies: 1, vacanciesDue: 0, publicAgentsDue: nil, vacanciesDelivered: 1, gap: 1),
                ])
            XCTAssertEqual(
                report.fluxTotal,
                .init(
                    bailleur: "Total", sharePercent: nil, publicAgentsPercent: nil, bailleurVacancies: 12,
                    vacanciesDue: 2, publicAgentsDue: nil, vacanciesDelivered: 3, gap: 1))
            // Leases A (DALO, 6 000 €) and B (15 000 € per unit), both outside QPV; C was in 2025.
            let priority = try XCTUnwrap(report.quota("priority"))
            XCTAssertEqual(
                [priority.count, priority.total, priority.minimumPercent, priority.shortfall], [1, 2, 25, 0])
            XCTAssertEqual(priority.sharePercent, 50)
            XCTAssertEqual(priority.met, true)
            let quartile = try XCTUnwrap(report.quota("first_quartile_outside_qpv"))
            XCTAssertEqual(
                [quartile.count, quartile.total, quartile.minimumPercent, quartile.shortfall], [1, 2, 25, 0])
            XCTAssertEqual(quartile.sharePercent, 50)
        }
    }

    func testACommunesContingentIsItsOwnCommunesDwellingsAndItsShortfallsAreCounted() async throws {
        try await withApp(demo: true) { app in
            try await ReservataireFixture.load(on: app)
            let admin = try await ObservatoryFiguresTests.adminToken(app)
            let report = try await Self.report(app, "Commune de Vauvert", token: admin)
            // 10 % of 8 = 0.8 → 1 due; VAU-GAR-3 and VAU-COS-1's second round delivered, not
            // CAI-ETA-2 (Le Cailar's contingent) nor VAU-COS-1's round without a taker.
            XCTAssertEqual(report.flux.map(\.bailleur), ["SEMIGA"])
            XCTAssertEqual(report.flux.first?.vacanciesDue, 1)
            XCTAssertEqual(report.flux.first?.vacanciesDelivered, 2)
            // E (QPV) and F (20 000 €, outside QPV): no priority household, F above the threshold.
            let priority = try XCTUnwrap(report.quota("priority"))
            XCTAssertEqual([priority.count, priority.total, priority.shortfall], [0, 2, 1])
            XCTAssertEqual(priority.met, false)
            let quartile = try XCTUnwrap(report.quota("first_quartile_outside_qpv"))
            XCTAssertEqual([quartile.count, quartile.total, quartile.shortfall], [0, 1, 1])
            XCTAssertEqual(quartile.sharePercent, 0)
            XCTAssertEqual(quartile.met, false)
        }
    }

    func testTheEtatsShareCountsItsPublicAgentsAndHasNo25PercentMinimum() async throws {
        try await withApp(demo: true) { app in
            try await ReservataireFixture.load(on: app)
            let admin = try await ObservatoryFiguresTests.adminToken(app)
            let report = try await Self.report(app, "Préfecture du Gard", token: admin)
            // 30 % of 8 = 2.4 → 2, of which 5 % of 8 = 0.4 → 0; VAU-COS-3 delivered, BEA-OLI-2
            // is Habitat du Gard's (no agreement with the État in 2026).
            XCTAssertEqual(
                report.flux.first { $0.bailleur == "SEMIGA" },
                .init(
                    bailleur: "SEMIGA", sharePercent: 30, publicAgentsPercent: 5, bailleurVacancies: 8,
                    vacanciesDue: 2, publicAgentsDue: 0, vacanciesDelivered: 1, gap: -1))
            let priority = try XCTUnwrap(report.quota("priority"))
            XCTAssertNil(priority.minimumPercent)
            XCTAssertNil(priority.met)
            XCTAssertNotNil(priority.note)
            XCTAssertEqual(priority.total, 0, "VAU-COS-3 is attributed, its lease not signed")
        }
    }

    func testTheCSVIsWrittenForFrenchSpreadsheets() async throws {
        try await withApp(demo: true) { app in
            try await ReservataireFixture.load(on: app)
            let record = try await ReservataireFixture.holder("Préfecture du Gard", on: app.db)
            let epci = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: "logis-demo-2026")
            try await app.send(
                .GET, "reservataires/\(try record.requireID())/csv/flux?annee=2026",
                beforeRequest: { Browser.withSession(&$0, epci) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(Array(res.body.readableBytesView.prefix(3)), [0xEF, 0xBB, 0xBF])
                let lines = res.body.string.dropFirst().components(separatedBy: "\r\n")
                XCTAssertEqual(
                    lines.first,
                    "bailleur;share_percent;public_agents_percent;bailleur_vacancies;vacancies_due;public_agents_due;"
                        + "vacancies_delivered;gap")
                XCTAssertTrue(lines.contains("SEMIGA;30;5;8;2;0;1;-1"), lines.joined(separator: "\n"))
            }
            try await app.send(
                .GET, "reservataires/\(try record.requireID())?annee=2026",
                beforeRequest: { Browser.withSession(&$0, epci) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(
                    res.body.string.contains(
                        "<th scope=\"row\">SEMIGA</th><td class=\"number\">30 (dont 5 agents publics)</td>"),
                    res.body.string)
            }
        }
    }
}
