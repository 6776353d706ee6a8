import Fluent
import XCTVapor

@testable import LogisServer

/// The bailleur adds a dwelling from its page: every bad field named, nothing written on error.
final class StockPageTests: XCTestCase {
    func testTheBailleurAddsADwellingFromItsPage() async throws {
        try await withApp(demo: true) { app in
            let session = try await Browser.signIn(app, email: "bailleur@demo.logis.fr", password: DemoData.password)
            let residence = try await Residence.query(on: app.db).filter(\.$reference == "VAU-GAR").first()
            var form = [
                "residenceId": try XCTUnwrap(residence).requireID().uuidString, "reference": "VAU-GAR-9",
                "typology": "T3", "surface": "4000", "floor": "1", "accessibility": "7", "financing": "plus",
                "rent": "390", "charges": "60", "reservataire": "commune",
            ]
            let before = try await StockDwelling.query(on: app.db).count()
            try await app.send(
                .POST, "attributions/logements", beforeRequest: { Browser.post(&$0, form: form, session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("surface"), "the bad surface is named")
                    XCTAssertTrue(res.body.string.contains("accessibility"), "the bad accessibility is named")
                })
            let unchanged = try await StockDwelling.query(on: app.db).count()
            XCTAssertEqual(unchanged, before)
            form["surface"] = "64"
            form["accessibility"] = "1"
            try await app.send(
                .POST, "attributions/logements", beforeRequest: { Browser.post(&$0, form: form, session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .created)
                    XCTAssertTrue(res.body.string.contains("Le logement VAU-GAR-9 est ajouté au parc."))
                })
            let added = try await StockDwelling.query(on: app.db).filter(\.$reference == "VAU-GAR-9").first()
            XCTAssertEqual(added?.surface, 64)
            XCTAssertEqual(added?.$organisation.id, residence?.$organisation.id)
        }
    }

    func testTheBailleurAddsARésidenceInItsTerritoryOnly() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            func post(_ fields: ResidenceActions.Fields) async throws -> (HTTPStatus, String?) {
                try await fixture.post("api/v1/residences", token: fixture.bailleur, body: fields)
            }
            // 62907 is Libercourt: not in SEMIGA's territory (Petite Camargue).
            var outcome = try await post(
                .init(
                    reference: "LIB-X", name: "Résidence ailleurs", address: "1 rue", communeCode: "62907", qpv: false))
            XCTAssertEqual(outcome.0, .unprocessableEntity)
            XCTAssertEqual(outcome.1, "invalid_residence")
            outcome = try await post(
                .init(reference: "VAU-COS", name: "Doublon", address: "1 rue", communeCode: "30341", qpv: false))
            XCTAssertEqual(outcome.1, "residence_reference_taken")
            outcome = try await post(
                .init(
                    reference: "AUB-NEW", name: "Résidence Neuve", address: "4 rue Neuve", communeCode: "30020",
                    qpv: true))
            XCTAssertEqual(outcome.0, .created)
            let created = try await Residence.query(on: app.db).filter(\.$reference == "AUB-NEW").with(\.$commune)
                .first()
            XCTAssertEqual(created?.commune.name, "Aubord")
            XCTAssertEqual(created?.qpv, true)
        }
    }
}
