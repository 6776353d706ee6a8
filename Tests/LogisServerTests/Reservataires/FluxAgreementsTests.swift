import Fluent
import Foundation
import LogisCore
import XCTVapor

@testable import LogisServer

/// The EPCI administrator records a réservataire's flux agreements of a year: a share per
/// bailleur, 0–100 % with two decimals at most, the réservataires of one bailleur never above
/// 100 % together; the yearly report then uses them. A réservataire reads, never writes, them.
final class FluxAgreementsTests: XCTestCase {
    private static func shares(_ holder: ReservataireRecord, on db: any Database) async throws -> [String: Int] {
        let rows = try await FluxShareRecord.query(on: db).filter(\.$reservataire.$id == (try holder.requireID()))
            .filter(\.$year == 2026).with(\.$bailleur).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.bailleur.name, $0.shareBasisPoints) })
    }

    private static func field(_ bailleur: String, on db: any Database) async throws -> String {
        let organisation = try await Organisation.query(on: db).filter(\.$name == bailleur).first()
        return FluxAgreementsController.field(try XCTUnwrap(organisation).requireID())
    }

    func testTheEPCIRecordsChangesAndRemovesAgreementsAndTheReportUsesThem() async throws {
        try await withApp(demo: true) { app in
            try await ReservataireFixture.load(on: app)
            let holder = try await ReservataireFixture.holder("Action Logement Services", on: app.db)
            let path = "reservataires/\(try holder.requireID())/conventions?annee=2026"
            let session = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, path, beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("SEMIGA : part du flux (%)"), res.body.string)
                XCTAssertTrue(res.body.string.contains("value=\"15\""), "the stored 15 % of SEMIGA is shown")
            }
            let semiga = try await Self.field("SEMIGA", on: app.db)
            let habitat = try await Self.field("Habitat du Gard", on: app.db)
            let toit = try await Self.field("Un Toit Pour Tous", on: app.db)
            try await app.send(
                .POST, path,
                beforeRequest: {
                    Browser.post(&$0, form: [semiga: "12,5", habitat: "", toit: "7 %"], session: session)
                }
            ) { res in
                XCTAssertEqual(res.status, .seeOther, res.body.string)
                XCTAssertEqual(res.headers.first(name: .location)?.contains("message=enregistre"), true)
            }
            let saved = try await Self.shares(holder, on: app.db)
            XCTAssertEqual(saved, ["SEMIGA": 1_250, "Un Toit Pour Tous": 700], "Habitat du Gard's 20 % removed")

            // The report holds SEMIGA to the new share: 12,5 % of its 8 vacancies is 1 dwelling.
            let token = try await app.demoToken("epci@demo.logis.fr")
            try await app.send(
                .GET, "api/v1/stats/reservataires/\(try holder.requireID())?annee=2026",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                struct Report: Decodable {
                    struct Row: Decodable {
                        let bailleur: String
                        let sharePercent: Double?
                        let vacanciesDue: Int
                    }
                    let flux: [Row]
                }
                let report = try res.content.decode(Report.self)
                let row = try XCTUnwrap(report.flux.first { $0.bailleur == "SEMIGA" })
                XCTAssertEqual(row.sharePercent, 12.5)
                XCTAssertEqual(row.vacanciesDue, 1)
            }
        }
    }

    func testAWrongShareOrOneAbove100PercentTogetherIsRefusedAndNothingChanges() async throws {
        try await withApp(demo: true) { app in
            try await ReservataireFixture.load(on: app)
            let holder = try await ReservataireFixture.holder("Action Logement Services", on: app.db)
            let path = "reservataires/\(try holder.requireID())/conventions?annee=2026"
            let session = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            let semiga = try await Self.field("SEMIGA", on: app.db)
            let habitat = try await Self.field("Habitat du Gard", on: app.db)
            let before = try await Self.shares(holder, on: app.db)
            // The État holds 30 % and Vauvert 10 % of SEMIGA: 60 % at most is left.
            try await app.send(
                .POST, path,
                beforeRequest: { Browser.post(&$0, form: [semiga: "60,5", habitat: "douze"], session: session) }
            ) { res in
                XCTAssertEqual(res.status, .unprocessableEntity)
                let page = res.body.string
                XCTAssertTrue(
                    page.contains("la part dépasserait 100 % des vacances de ce bailleur : 60 % au plus"), page)
                XCTAssertTrue(page.contains("Saisissez un pourcentage entre 0 et 100"), page)
                XCTAssertTrue(page.contains("value=\"douze\""), "what was typed is kept")
                XCTAssertTrue(page.contains("aria-invalid=\"true\""))
            }
            let after = try await Self.shares(holder, on: app.db)
            XCTAssertEqual(after, before)
        }
    }

    func testAReservataireReadsItsAgreementsButCannotWriteThem() async throws {
        try await withApp(demo: true) { app in
            let holder = try await ReservataireFixture.holder("Action Logement Services", on: app.db)
            let session = try await Browser.signIn(
                app, email: "reservataire@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "reservataires/\(try holder.requireID())/conventions",
                beforeRequest: { Browser.withSession(&$0, session) }
            ) { res in
                XCTAssertEqual(res.status, .forbidden)
            }
            try await app.send(
                .GET, "reservataires/\(try holder.requireID())", beforeRequest: { Browser.withSession(&$0, session) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertFalse(res.body.string.contains("Saisir les conventions"))
            }
        }
    }
}
