import Fluent
import XCTVapor

@testable import LogisServer

final class RequestWizardTests: XCTestCase {
    func signUp(_ app: Application, email: String) async throws -> String {
        let password = "Logement-Test-2026"
        try await app.signUpConfirmed(email: email, password: password, displayName: "Léa Martin")
        return try await Browser.signIn(app, email: email, password: password)
    }

    /// Fills every step, then (unless told not to) uploads each adult's identity piece, without
    /// which the draft cannot be submitted.
    func fillWizard(_ app: Application, session: String, identityPieces: Bool = true) async throws {
        try await app.send(.GET, "demande", beforeRequest: { Browser.withSession(&$0, session) }) { res in
            XCTAssertEqual(res.status, .ok, "a GET shows the start page and creates nothing")
            XCTAssertTrue(res.body.string.contains("Commencer ma demande"))
        }
        let drafts = try await HousingRequest.query(on: app.db).count()
        try await app.send(
            .POST, "demande", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
            afterResponse: { res in XCTAssertEqual(res.headers.first(name: .location), "/demande/etape/demandeur") })
        let afterStart = try await HousingRequest.query(on: app.db).count()
        XCTAssertEqual(afterStart, drafts + 1)
        for step in FamilyInVauvert.steps {
            try await app.send(
                .POST, "demande/etape/\(step.slug)",
                beforeRequest: { Browser.post(&$0, form: step.fields, session: session) },
                afterResponse: { res in XCTAssertEqual(res.status, .seeOther, "\(step.slug): \(res.body.string)") })
        }
        guard identityPieces else { return }
        let draft = try await HousingRequest.query(on: app.db).filter(\.$status == .brouillon)
            .sort(\.$createdAt, .descending).first()
        try await app.uploadIdentityPieces(of: try XCTUnwrap(draft?.id), session: session)
    }

    func testFamilyFilesARequestAndGetsANUD() async throws {
        try await withApp(demo: true) { app in
            let session = try await signUp(app, email: "lea.martin@exemple.fr")
            try await fillWizard(app, session: session)
            try await app.send(.GET, "demande/recapitulatif", beforeRequest: { Browser.withSession(&$0, session) }) {
                res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Déposer ma demande"))
                XCTAssertTrue(res.body.string.contains("Vauvert (30600), Aimargues (30470)"))
            }
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/mon-espace?message=enregistree") })
            let found = try await HousingRequest.query(on: app.db).first()
            let request = try XCTUnwrap(found)
            XCTAssertEqual(request.status, .enregistree)
            XCTAssertEqual(request.householdPersons, 4)
            let nud = try XCTUnwrap(request.nud)
            XCTAssertEqual(nud.count, 18)
            XCTAssertTrue(nud.hasPrefix("030"), nud)
            XCTAssertTrue(nud.hasSuffix("000001GDPUB"), nud)
            let wishes = try await RequestWish.query(on: app.db).with(\.$commune).sort(\.$rank).all()
            XCTAssertEqual(wishes.map(\.commune.name), ["Vauvert", "Aimargues"])
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertTrue(res.body.string.contains(nud))
                XCTAssertTrue(res.body.string.contains("Demande enregistrée sous le numéro unique"))
            }
        }
    }

    func testInvalidFieldsAreShownNextToTheField() async throws {
        try await withApp(demo: true) { app in
            let session = try await signUp(app, email: "erreurs@exemple.fr")
            try await app.send(
                .POST, "demande", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            try await app.send(
                .POST, "demande/etape/ressources",
                beforeRequest: {
                    Browser.post(&$0, form: ["applicantMonthlyIncome": "-5", "taxIncomeN2": "abc"], session: session)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("ne peut pas être négatif"))
                    XCTAssertTrue(res.body.string.contains("Indiquez un nombre (exemple : 980,50)."))
                    XCTAssertTrue(res.body.string.contains("aria-invalid=\"true\""))
                })
            try await app.send(
                .POST, "demande/etape/logement-recherche",
                beforeRequest: { Browser.post(&$0, form: ["commune1": "Paris"], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("Cochez au moins un type de logement."))
                    XCTAssertTrue(res.body.string.contains("Choix inconnu pour une commune."))
                })
            try await app.send(
                .POST, "demande/etape/demandeur",
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["lastName": "X", "birthDate": "2099-01-01", "nationality": "other"],
                        session: session)
                },
                afterResponse: { res in
                    XCTAssertTrue(res.body.string.contains("La date ne peut pas être dans le futur."))
                    XCTAssertTrue(res.body.string.contains("Indiquez votre titre de séjour"))
                })
        }
    }

    /// DOMAIN.md §5: online, the NUD waits for each adult's identity piece; the refusal names the
    /// missing pieces on the page where they are uploaded, and the API gives the same code.
    func testSubmissionWithoutEachAdultsIdentityPieceIsRefused() async throws {
        try await withApp(demo: true) { app in
            let session = try await signUp(app, email: "sans-pieces@exemple.fr")
            try await fillWizard(app, session: session, identityPieces: false)
            let found = try await HousingRequest.query(on: app.db).filter(\.$status == .brouillon).first()
            let id = try XCTUnwrap(found?.id)
            let keys = try await app.identityPieceKeys(of: id)
            XCTAssertEqual(keys, ["piece_identite@0", "piece_identite@1"], "two adults in the family")
            // Only the first adult's piece: still refused, naming the second adult.
            try await app.send(
                .POST, "mon-espace/pieces",
                beforeRequest: {
                    Browser.postMultipart(
                        &$0, fields: ["piece": keys[0]], file: ("file", "cni.pdf", DocumentsTests.pdf), session: session
                    )
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    let page = res.body.string
                    XCTAssertTrue(page.contains("pièce d’identité de Hugo"), page)
                    XCTAssertFalse(page.contains("pièce d’identité de Léa"), "the uploaded piece is not asked again")
                    XCTAssertTrue(page.contains("action=\"/mon-espace/pieces\""), "the upload form is on the page")
                    XCTAssertTrue(page.contains("href=\"/demande/recapitulatif\""), "and the way back to submit")
                })
            let stillDraft = try await app.storedRequest(id)
            XCTAssertEqual(stillDraft.status, .brouillon)
            XCTAssertNil(stillDraft.nud, "no NUD without the identity pieces")
            try await app.uploadIdentityPieces(of: id, session: session)
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/mon-espace?message=enregistree") })
        }
    }

    func testTheAPIRefusesASubmissionWithoutTheIdentityPieces() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "api-sans-pieces@exemple.fr")
            struct Created: Decodable { let id: UUID }
            var id = UUID()
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["steps": RequestsAPITests.allSteps])
                },
                afterResponse: { id = try $0.content.decode(Created.self).id })
            try await app.send(
                .POST, "api/v1/requests/\(id)/submit",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    let error = try res.content.decode(RequestsAPITests.APIError.self).error
                    XCTAssertEqual(error.code, "registration_pieces_missing")
                    XCTAssertTrue(error.message.contains("pièce d’identité de Hugo"), error.message)
                    XCTAssertTrue(error.message.contains("/mon-espace/pieces"), error.message)
                })
            try await app.uploadIdentityPieces(of: id, token: token)
            try await app.send(
                .POST, "api/v1/requests/\(id)/submit",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .created, $0.body.string) })
        }
    }

    func testIncompleteDraftCannotBeSubmitted() async throws {
        try await withApp(demo: true) { app in
            let session = try await signUp(app, email: "incomplet@exemple.fr")
            try await app.send(
                .POST, "demande", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("n’est pas complète"))
                })
        }
    }

    func testDraftResumesAndOnlyOneLiveRequestPerHousehold() async throws {
        try await withApp(demo: true) { app in
            let session = try await signUp(app, email: "reprise@exemple.fr")
            try await fillWizard(app, session: session)
            try await app.send(.GET, "demande/etape/ressources", beforeRequest: { Browser.withSession(&$0, session) }) {
                res in
                XCTAssertTrue(res.body.string.contains("value=\"26500\""), "saved answers come back")
            }
            try await app.send(.GET, "demande", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.headers.first(name: .location), "/demande/recapitulatif")
            }
            let count = try await HousingRequest.query(on: app.db).count()
            XCTAssertEqual(count, 1)
        }
    }

    func testUpdateAfterRegistrationIsKeptInTheTimeline() async throws {
        try await withApp(demo: true) { app in
            let session = try await signUp(app, email: "maj@exemple.fr")
            try await fillWizard(app, session: session)
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            var fields = FamilyInVauvert.steps[4].fields
            fields["taxIncomeN2"] = "24000"
            try await app.send(
                .POST, "demande/etape/ressources", beforeRequest: { Browser.post(&$0, form: fields, session: session) },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/mon-espace?message=mise-a-jour") })
            let found = try await HousingRequest.query(on: app.db).first()
            let request = try XCTUnwrap(found)
            XCTAssertEqual(request.incomeRFR, 24000)
            let events = try await RequestEvent.query(on: app.db).all().map(\.label)
            XCTAssertTrue(events.contains("Mise à jour : vos ressources."), "\(events)")
            let revisions = try await RequestRevision.query(on: app.db).all()
            XCTAssertEqual(revisions.count, 1)
            XCTAssertEqual(revisions.first?.previousForm.resources?.taxIncomeN2, 26500, "the answer before the change")
            XCTAssertEqual(revisions.first?.sections, "ressources")
        }
    }

    func testAbandonNeedsConfirmationAndStrikesOff() async throws {
        try await withApp(demo: true) { app in
            let session = try await signUp(app, email: "abandon@exemple.fr")
            try await fillWizard(app, session: session)
            try await app.send(
                .POST, "demande/soumettre", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            try await app.send(
                .POST, "mon-espace/abandonner", beforeRequest: { Browser.post(&$0, form: [:], session: session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(
                        res.body.string.contains("Cochez la case « Je confirme vouloir abandonner ma demande »"))
                })
            let stillLive = try await HousingRequest.query(on: app.db).first()
            XCTAssertEqual(stillLive?.status, .enregistree, "nothing happens without the box")
            try await app.send(
                .POST, "mon-espace/abandonner",
                beforeRequest: { Browser.post(&$0, form: ["confirm": "oui", "comment": "Relogée"], session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let found = try await HousingRequest.query(on: app.db).first()
            let request = try XCTUnwrap(found)
            XCTAssertEqual(request.status, .radiee)
            XCTAssertEqual(request.radiationMotif, "abandon")
        }
    }
}
