import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Wished communes are named by their INSEE code (code officiel géographique), never by their name.
final class WishesByCodeTests: XCTestCase {
    static let today = try! CalendarDate(iso: "2026-11-28")

    private func wishes(_ fields: [String: String], communes: CommuneList) -> (WishesSection?, [String: String]) {
        var form = RequestForm()
        let base = ["typology_T3": "on"]
        let errors = WizardStep.logementRecherche.apply(
            base.merging(fields) { $1 }, to: &form, communes: communes, today: Self.today)
        return (form.wishes, errors)
    }

    func testTheFormTakesCodesAndRefusesNamesAndOtherTerritories() async throws {
        try await withApp(demo: true) { app in
            let communes = try await CommuneList.load(on: app.db)
            // Aimargues (30006) and Vauvert (30341) are both in Petite Camargue.
            let (kept, noError) = wishes(["commune1": "30341", "commune2": "30006"], communes: communes)
            XCTAssertEqual(noError, [:])
            XCTAssertEqual(kept?.communeCodes, ["30341", "30006"])
            // A name is no longer an answer.
            let (_, byName) = wishes(["commune1": "Vauvert"], communes: communes)
            XCTAssertEqual(byName["commune1"], "Choix inconnu pour une commune.")
            // Libercourt (62907) is another territory: one request, one territory.
            let (refused, other) = wishes(["commune1": "30341", "commune2": "62907"], communes: communes)
            XCTAssertNil(refused)
            XCTAssertEqual(
                other["commune2"],
                "Libercourt ne relève pas du même territoire que Vauvert : une demande porte sur les communes d’un "
                    + "seul territoire. Déposez une autre demande pour Libercourt.")
        }
    }

    func testTheWishesStepListsCommunesByCodeWithTheirPostalCode() async throws {
        try await withApp(demo: true) { app in
            try await app.signUpConfirmed(email: "codes@exemple.fr")
            let session = try await Browser.signIn(app, email: "codes@exemple.fr", password: "Logement-Test-2026")
            try await app.send(
                .POST, "demande", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            try await app.send(
                .GET, "demande/etape/logement-recherche", beforeRequest: { Browser.withSession(&$0, session) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("<option value=\"30341\">Vauvert (30600)</option>"))
                XCTAssertTrue(res.body.string.contains("<option value=\"62907\">Libercourt (62820)</option>"))
            }
        }
    }

    func testTheDirectoryGivesEachCommuneItsCode() async throws {
        try await withApp(demo: true) { app in
            try await app.send(.GET, "api/v1/territories/petite-camargue") { res in
                XCTAssertEqual(res.status, .ok)
                struct Territory: Decodable {
                    struct Detail: Decodable, Equatable {
                        let code: String
                        let name: String
                        let postalCode: String
                    }
                    let communeDetails: [Detail]
                }
                let details = try res.content.decode(Territory.self).communeDetails
                XCTAssertEqual(details.count, 5)
                XCTAssertTrue(details.contains(.init(code: "30059", name: "Le Cailar", postalCode: "30740")))
            }
        }
    }

    /// Forms saved before M0023 named their communes: the migration reads them into codes, in the
    /// request's territory, keeps a name it cannot read, and does the same in the revisions.
    func testTheMigrationReadsLegacyNamesIntoCodes() async throws {
        try await withApp(demo: true) { app in
            let legacy = """
                {"typologies":["T3"],"communes":["Vauvert","Le Cailar","Atlantide"],"wheelchairAccess":false,\
                "elevatorNeeded":false,"maxRent":0,"parking":false}
                """
            let section = try JSONDecoder().decode(WishesSection.self, from: Data(legacy.utf8))
            XCTAssertEqual(section.communeCodes, [])
            XCTAssertEqual(section.legacyCommuneNames, ["Vauvert", "Le Cailar", "Atlantide"])
            var form = RequestForm()
            form.wishes = section
            let request = HousingRequest(accountID: nil, form: form)
            try await request.create(on: app.db)
            try await RequestRevision(
                requestID: try request.requireID(), previousForm: form, sections: [.logementRecherche], changedBy: nil
            ).create(on: app.db)

            let unresolved = try await M0023WishesByINSEECode.rewrite(on: app.db)

            XCTAssertEqual(unresolved, 2, "Atlantide, in the request and in its revision")
            let stored = try await app.storedRequest(try request.requireID())
            XCTAssertEqual(stored.form.wishes?.communeCodes, ["30341", "30059"])
            XCTAssertEqual(stored.form.wishes?.legacyCommuneNames, ["Atlantide"], "never dropped")
            let revision = try await RequestRevision.query(on: app.db).first()
            XCTAssertEqual(revision?.previousForm.wishes?.communeCodes, ["30341", "30059"])
        }
    }

    /// « Réside sur le territoire de la Petite Camargue » (grid petite-camargue-v1): the address's
    /// commune is one of the territory's, by postal code and name (accents and case set aside).
    func testLivingInTheTerritoryIsReadFromTheAddress() async throws {
        try await withApp(demo: true) { app in
            let communes = try await Commune.query(on: app.db).all()
            func lives(_ city: String, _ postalCode: String) -> Bool {
                var form = RequestForm()
                form.applicant = ApplicantSection(
                    lastName: "Martin", birthName: "", firstName: "Léa", birthDate: "1990-01-01", nationality: "fr",
                    residencePermit: "", maritalStatus: "celibataire", phone: "", email: "", street: "1 rue",
                    postalCode: postalCode, city: city)
                return RequestCotation.lives(in: communes, form: form)
            }
            XCTAssertTrue(lives("Vauvert", "30600"))
            XCTAssertTrue(lives("LE CAILAR", "30740"))
            XCTAssertTrue(lives("le cailar", "30740"))
            XCTAssertFalse(lives("Vauvert", "30000"), "another postal code")
            XCTAssertFalse(lives("Nîmes", "30000"), "not a commune of the territory")
        }
    }
}
