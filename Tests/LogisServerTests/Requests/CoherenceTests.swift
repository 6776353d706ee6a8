import Fluent
import XCTVapor

@testable import LogisServer

/// docs/rules/coherence.md: answers of two pages that contradict each other are refused where both
/// are known, listed on the summary, and never registered.
final class CoherenceTests: XCTestCase {
    private func signedIn(_ app: Application, _ email: String) async throws -> String {
        try await app.signUpConfirmed(email: email, password: "Logement-Test-2026", displayName: "Léa Martin")
        let session = try await Browser.signIn(app, email: email, password: "Logement-Test-2026")
        try await app.send(
            .POST, "demande", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
            afterResponse: { XCTAssertEqual($0.status, .seeOther) })
        return session
    }

    private func fields(_ slug: String, _ changes: [String: String] = [:]) -> [String: String] {
        let base = FamilyInVauvert.steps.first { $0.slug == slug }?.fields ?? [:]
        return base.merging(changes) { $1 }
    }

    private func save(
        _ app: Application, _ session: String, _ slug: String, _ form: [String: String],
        check: @escaping (XCTHTTPResponse) throws -> Void = { XCTAssertEqual($0.status, .seeOther, $0.body.string) }
    ) async throws {
        try await app.send(
            .POST, "demande/etape/\(slug)", beforeRequest: { Browser.post(&$0, form: form, session: session) },
            afterResponse: check)
    }

    private func fillAll(_ app: Application, _ session: String) async throws {
        for step in FamilyInVauvert.steps { try await save(app, session, step.slug, step.fields) }
    }

    func testSingleApplicantCannotDeclareAMarriedCoApplicant() async throws {
        try await withApp(demo: true) { app in
            let session = try await signedIn(app, "celibataire@exemple.fr")
            try await save(app, session, "demandeur", fields("demandeur", ["maritalStatus": "celibataire"]))
            try await save(app, session, "co-demandeur", fields("co-demandeur")) { res in
                XCTAssertEqual(res.status, .unprocessableEntity)
                XCTAssertTrue(res.body.string.contains("Vous vous dites « célibataire »"), res.body.string)
                XCTAssertTrue(res.body.string.contains("id=\"err-relationship\""), "shown next to the bond")
            }
            let draft = try await HousingRequest.query(on: app.db).first()
            XCTAssertNil(draft?.form.coApplicant, "nothing of the refused page is saved")
            // A concubin is possible whatever the marital status.
            try await save(app, session, "co-demandeur", fields("co-demandeur", ["relationship": "concubin"]))
        }
    }

    func testChangingTheEarlierPageIsRefusedToo() async throws {
        try await withApp(demo: true) { app in
            let session = try await signedIn(app, "pacs@exemple.fr")
            try await fillAll(app, session)
            try await save(app, session, "demandeur", fields("demandeur", ["maritalStatus": "pacse"])) { res in
                XCTAssertEqual(res.status, .unprocessableEntity)
                XCTAssertTrue(res.body.string.contains("id=\"err-maritalStatus\""), res.body.string)
            }
        }
    }

    func testAChildBornBeforeBothAdultsIsRefusedButNotBeforeOnlyOne() async throws {
        try await withApp(demo: true) { app in
            let session = try await signedIn(app, "enfant@exemple.fr")
            try await save(app, session, "demandeur", fields("demandeur"))
            try await save(app, session, "co-demandeur", fields("co-demandeur"))
            // Léa 1990, Hugo 1988: a « child » of 1987 is a typing error.
            try await save(app, session, "personnes", fields("personnes", ["p2_birthDate": "1987-07-15"])) { res in
                XCTAssertEqual(res.status, .unprocessableEntity)
                XCTAssertTrue(res.body.string.contains("Noé est indiqué(e) comme votre enfant"), res.body.string)
                XCTAssertTrue(res.body.string.contains("id=\"err-p2_birthDate\""))
            }
            // Born between the two adults: Hugo's child may be older than Léa.
            try await save(app, session, "personnes", fields("personnes", ["p2_birthDate": "1989-07-15"]))
        }
    }

    func testTheSummaryListsContradictionsAndRegistrationRefusesThem() async throws {
        try await withApp(demo: true) { app in
            let session = try await signedIn(app, "resume@exemple.fr")
            try await fillAll(app, session)
            // No co-applicant any more: page 2 accepts it, page 5 still counts Hugo's income.
            try await save(app, session, "co-demandeur", ["present": ""])
            // A form saved before the rules existed.
            let found = try await HousingRequest.query(on: app.db).first()
            let draft = try XCTUnwrap(found)
            draft.form.dependents?.people[0].birthDate = "1980-01-01"
            try await draft.save(on: app.db)
            try await app.send(.GET, "demande/recapitulatif", beforeRequest: { Browser.withSession(&$0, session) }) {
                res in
                let page = res.body.string
                XCTAssertTrue(page.contains("Certaines réponses se contredisent"), page)
                XCTAssertTrue(page.contains("href=\"/demande/etape/ressources#coApplicantMonthlyIncome\""))
                XCTAssertTrue(page.contains("href=\"/demande/etape/personnes#p1_birthDate\""))
                XCTAssertFalse(page.contains("Déposer ma demande"))
            }
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("se contredisent"), res.body.string)
                })
            let stillDraft = try await HousingRequest.query(on: app.db).first()
            XCTAssertNil(stillDraft?.nud)
        }
    }

    func testTheSummaryShowsEveryAnswer() async throws {
        try await withApp(demo: true) { app in
            let session = try await signedIn(app, "tout@exemple.fr")
            try await fillAll(app, session)
            try await save(
                app, session, "logement-recherche",
                fields("logement-recherche", ["elevatorNeeded": "on", "parking": "on"]))
            try await save(
                app, session, "handicap-dalo", ["disabledPersons": "0", "violence": "on", "formerASE": "on"])
            try await app.send(.GET, "demande/recapitulatif", beforeRequest: { Browser.withSession(&$0, session) }) {
                res in
                let page = res.body.string
                for expected in [
                    "<dt>Téléphone</dt><dd>0600000000</dd>", "<dd>lea.martin@exemple.fr</dd>",
                    "<dt>Ascenseur nécessaire</dt><dd>oui</dd>", "<dt>Place de stationnement</dt><dd>oui</dd>",
                    "<dt>Violences conjugales ou familiales subies par une personne du foyer</dt><dd>oui</dd>",
                    "Aide sociale à l’enfance</dt><dd>oui</dd>", "Vauvert (30600)",
                    "<dt>Revenus mensuels du co-demandeur</dt><dd>900",
                ] {
                    XCTAssertTrue(page.contains(expected), expected)
                }
            }
        }
    }

    func testTheAPIGetsTheSameRefusalsWithFieldPaths() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "api-coherence@exemple.fr")
            var steps = RequestsAPITests.allSteps
            steps["demandeur"]?["maritalStatus"] = "celibataire"
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["steps": steps])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    let error = try res.content.decode(RequestsAPITests.APIError.self).error
                    XCTAssertEqual(error.code, "validation_failed")
                    XCTAssertNotNil(error.fields?["co-demandeur.relationship"], "\(error)")
                    XCTAssertNotNil(error.fields?["demandeur.maritalStatus"], "\(error)")
                })
            // Both pages corrected in one body: the later one is checked against the new earlier one.
            steps["demandeur"]?["maritalStatus"] = "pacse"
            steps["co-demandeur"]?["relationship"] = "pacs"
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["steps": steps])
                },
                afterResponse: { XCTAssertEqual($0.status, .created, $0.body.string) })
        }
    }
}
