import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

final class GuichetTests: XCTestCase {
    func testEnregistreurRegistersAPaperRequestWithItsDeskCodeAndDuplicateIsCaught() async throws {
        try await withApp(demo: true) { app in
            let agent = try await Browser.signIn(
                app, email: "enregistreur.libercourt@demo.logis.fr", password: DemoData.password)
            let person = [
                "lastName": "Lefèvre-Dupont", "firstName": "Élise", "birthDate": "1985-06-02", "commune": "Libercourt",
            ]
            let first = try await app.enterPaperRequest(session: agent, applicant: person)
            try await app.send(
                .POST, "guichet/demandes/\(first)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            let registered = try await app.storedRequest(first)
            XCTAssertTrue(registered.nud?.hasPrefix("062") ?? false, "Pas-de-Calais: \(registered.nud ?? "")")
            XCTAssertTrue(registered.nud?.hasSuffix("LIBPH") ?? false, "the desk's own code")
            XCTAssertNil(registered.attestationSentAt, "a paper attestation is still to be sent")

            // Same person typed differently: accents, case and hyphen do not hide the duplicate.
            let again = [
                "lastName": "LEFEVRE DUPONT", "firstName": "elise", "birthDate": "1985-06-02", "commune": "Libercourt",
            ]
            let second = try await app.enterPaperRequest(session: agent, applicant: again)
            try await app.send(
                .GET, "guichet/demandes/\(second)/saisie/recapitulatif",
                beforeRequest: { Browser.withSession(&$0, agent) }
            ) { res in
                XCTAssertTrue(res.body.string.contains("Doublon possible"))
                XCTAssertTrue(res.body.string.contains(registered.nud ?? "?"))
            }
            try await app.send(
                .POST, "guichet/demandes/\(second)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .conflict) })
            // The name was typed differently: the agent chooses which spelling the request keeps.
            try await app.send(
                .POST, "guichet/demandes/\(second)/saisie/rattacher/\(first)",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("name=\"choix_demandeur\""), res.body.string)
                })
            try await app.send(
                .POST, "guichet/demandes/\(second)/saisie/rattacher/\(first)",
                beforeRequest: { Browser.post(&$0, form: ["choix_demandeur": "existante"], session: agent) },
                afterResponse: {
                    XCTAssertEqual($0.headers.first(name: .location), "/guichet/demandes/\(first)?message=rattachee")
                })
            let kept = try await app.storedRequest(first)
            XCTAssertEqual(kept.form.applicant?.lastName, "Lefèvre-Dupont", "the existing spelling was chosen")
            let drafts = try await HousingRequest.query(on: app.db).filter(\.$status == .brouillon).count()
            XCTAssertEqual(drafts, 0, "linking drops the new entry instead of creating a request")
        }
    }

    func testDuplicateInAnotherTerritoryIsCountedWithoutIdentity() async throws {
        try await withApp(demo: true) { app in
            let camargue = try await Browser.signIn(
                app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let first = try await app.enterPaperRequest(session: camargue)
            try await app.send(
                .POST, "guichet/demandes/\(first)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: [:], session: camargue) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let libercourt = try await Browser.signIn(
                app, email: "enregistreur.libercourt@demo.logis.fr", password: DemoData.password)
            let second = try await app.enterPaperRequest(
                session: libercourt, applicant: ["commune": "Libercourt", "street": "9 rue de Lille"])
            try await app.send(
                .GET, "guichet/demandes/\(second)/saisie/recapitulatif",
                beforeRequest: { Browser.withSession(&$0, libercourt) }
            ) { res in
                let page = res.body.string
                XCTAssertTrue(page.contains("dans un autre territoire (1)"))
                XCTAssertFalse(page.contains("Demande existante"), "no identity from another territory")
                XCTAssertFalse(page.contains("3 rue des Arènes"), "the other request's address is not shown")
            }
            let gardFile = try await AuditEntry.query(on: app.db).filter(
                \.$action == AuditAction.duplicateMatched.rawValue
            )
            .filter(\.$targetID == first.uuidString).count()
            XCTAssertEqual(gardFile, 1, "the matched file records that another territory looked")

            // An accueil agent, who cannot register, learns nothing about other territories.
            let accueil = try await Browser.signIn(app, email: "accueil@demo.logis.fr", password: DemoData.password)
            let third = try await app.enterPaperRequest(
                session: accueil, applicant: ["commune": "Libercourt", "street": "9 rue de Lille"])
            try await app.send(
                .GET, "guichet/demandes/\(third)/saisie/recapitulatif",
                beforeRequest: { Browser.withSession(&$0, accueil) }
            ) { res in XCTAssertFalse(res.body.string.contains("autre territoire"), "no oracle for accueil") }
        }
    }

    func testDuplicateChecksPerAgentAreLimited() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.demoToken("enregistreur@demo.logis.fr")
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(session: agent)
            for _ in 0..<DuplicateDetection.checksPerAgent {
                try await app.send(
                    .GET, "api/v1/guichet/requests/\(id)/duplicates",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                    afterResponse: { XCTAssertEqual($0.status, .ok) })
            }
            try await app.send(
                .GET, "api/v1/guichet/requests/\(id)/duplicates",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .tooManyRequests) })
        }
    }

    func testDuplicateKeyIgnoresAccentsCaseHyphensAndSpaces() {
        let reference = DuplicateDetection.identityKey(
            birthName: "", lastName: "Lefèvre-Dupont", firstName: "Élise", birthDate: "1985-06-02")
        for (last, first) in [("LEFEVRE DUPONT", "elise"), ("lefèvre  dupont", "ÉLISE"), ("Lefevre-dupont", "Elise")] {
            XCTAssertEqual(
                DuplicateDetection.identityKey(
                    birthName: "", lastName: last, firstName: first, birthDate: "1985-06-02"),
                reference, "\(last) \(first)")
        }
        XCTAssertNotEqual(
            DuplicateDetection.identityKey(
                birthName: "", lastName: "Lefèvre", firstName: "Élise", birthDate: "1985-06-02"),
            reference)
        XCTAssertEqual(DuplicateDetection.phone("+33 6 12 34 56 78"), DuplicateDetection.phone("06.12.34.56.78"))
    }

    func testAccueilCanEnterButNotRegister() async throws {
        try await withApp(demo: true) { app in
            let accueil = try await Browser.signIn(app, email: "accueil@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(session: accueil)
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: ["confirmDifferentPerson": "oui"], session: accueil) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
            let request = try await app.storedRequest(id)
            XCTAssertNil(request.nud, "an accueil desk never issues a NUD")
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/transmettre",
                beforeRequest: { Browser.post(&$0, form: [:], session: accueil) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let enregistreur = try await Browser.signIn(
                app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "guichet/file/transmises", beforeRequest: { Browser.withSession(&$0, enregistreur) }
            ) {
                res in XCTAssertTrue(res.body.string.contains("/guichet/demandes/\(id)"))
            }
        }
    }

    func testAgentOfAnotherTerritoryGets404AndTheAttemptIsAudited() async throws {
        try await withApp(demo: true) { app in
            let libercourt = try await Browser.signIn(
                app, email: "enregistreur.libercourt@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(
                session: libercourt,
                applicant: [
                    "lastName": "Nord", "firstName": "Anne", "birthDate": "1970-01-01", "commune": "Libercourt",
                ])
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: [:], session: libercourt) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let camargue = try await Browser.signIn(
                app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "guichet/demandes/\(id)", beforeRequest: { Browser.withSession(&$0, camargue) }) {
                XCTAssertEqual($0.status, .notFound)
            }
            let denied = try await AuditEntry.query(on: app.db).filter(\.$action == "request_read")
                .filter(\.$outcome == "denied").all()
            XCTAssertEqual(denied.count, 1)
            XCTAssertEqual(denied.first?.targetID, id.uuidString)
            XCTAssertEqual(denied.first?.actorRole, "enregistreur")
            // The Libercourt agent opens it: a successful read is audited with the reason.
            try await app.send(
                .GET, "guichet/demandes/\(id)?motif=instruction",
                beforeRequest: { Browser.withSession(&$0, libercourt) }
            ) { XCTAssertEqual($0.status, .ok) }
            let reads = try await AuditEntry.query(on: app.db).filter(\.$action == "request_read")
                .filter(\.$outcome == "success").filter(\.$reason == "instruction").count()
            XCTAssertEqual(reads, 1)
        }
    }

    func testAttestationDueInOneMonthAndOverdueAfter() throws {
        let filed = try CalendarDate(year: 2026, month: 1, day: 31)
        // CCH R441-2-4, one month; 31 January + 1 month is the last day of February.
        XCTAssertEqual(
            WorkQueues.attestationDaysLeft(filedOn: filed, today: try CalendarDate(year: 2026, month: 2, day: 1)), 27)
        XCTAssertEqual(
            WorkQueues.attestationDaysLeft(filedOn: filed, today: try CalendarDate(year: 2026, month: 2, day: 28)), 0)
        XCTAssertEqual(
            WorkQueues.attestationDaysLeft(filedOn: filed, today: try CalendarDate(year: 2026, month: 3, day: 3)), -3)
    }

    func testRadiationMotifsAndCommentRuleAndAdminRestore() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.send(
                .POST, "guichet/demandes/\(id)/radier",
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["motif": "irrecevabilite", "comment": "", "confirm": "oui"], session: agent)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("doit être motivée"))
                })
            try await app.send(
                .POST, "guichet/demandes/\(id)/radier",
                beforeRequest: { Browser.post(&$0, form: ["motif": "inconnu"], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity) })
            try await app.send(
                .POST, "guichet/demandes/\(id)/radier",
                beforeRequest: {
                    Browser.post(
                        &$0,
                        form: [
                            "motif": "irrecevabilite", "comment": "Ressources au-dessus des plafonds.",
                            "confirm": "oui",
                        ], session: agent)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            var request = try await app.storedRequest(id)
            XCTAssertEqual(request.status, .radiee)
            XCTAssertEqual(request.radiationMotif, "irrecevabilite")
            try await app.send(
                .POST, "guichet/demandes/\(id)/annuler-radiation",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden, "only an administrator restores") })
            let admin = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "guichet/demandes/\(id)/annuler-radiation",
                beforeRequest: { Browser.post(&$0, form: [:], session: admin) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            request = try await app.storedRequest(id)
            XCTAssertEqual(request.status, .enregistree)
            let restored = try await AuditEntry.query(on: app.db).filter(\.$reason == "radiation cancelled").count()
            XCTAssertEqual(restored, 1)
        }
    }
}

final class GuichetPiecesTests: XCTestCase {
    func testAgentValidatesAndRefusesPiecesAndTheApplicantSeesTheComment() async throws {
        try await withApp(demo: true) { app in
            // The desk registers a paper request; the applicant attaches it with the one-time code.
            let applicantPassword = "Logement-Test-2026"
            try await app.signUpConfirmed(email: "papier@exemple.fr", password: applicantPassword, displayName: "Élise")
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let id = try await app.enterPaperRequest(session: agent, applicant: ["email": "papier@exemple.fr"])
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/enregistrer",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            var request = try await app.storedRequest(id)
            XCTAssertNil(request.$account.id, "an e-mail typed on paper attaches nothing by itself")
            var code = ""
            try await app.send(
                .POST, "guichet/demandes/\(id)/code-rattachement",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    let page = res.body.string
                    let marker = "<strong id=\"claim-code\">"
                    let start = try XCTUnwrap(page.range(of: marker)).upperBound
                    code = String(page[start...].prefix(8))
                })
            let session = try await Browser.signIn(app, email: "papier@exemple.fr", password: applicantPassword)
            try await app.send(
                .POST, "mon-espace/rattacher",
                beforeRequest: {
                    Browser.post(&$0, form: ["nud": request.nud ?? "", "code": "AAAAAAAA"], session: session)
                },
                afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity, "a wrong code is refused") })
            try await app.send(
                .POST, "mon-espace/rattacher",
                beforeRequest: { Browser.post(&$0, form: ["nud": request.nud ?? "", "code": code], session: session) },
                afterResponse: { XCTAssertEqual($0.headers.first(name: .location), "/mon-espace?message=rattachee") })
            request = try await app.storedRequest(id)
            XCTAssertNotNil(request.$account.id)
            XCTAssertNil(request.claimCodeHash, "the code served once")
            let applicant = try await Account.query(on: app.db).filter(\.$email == "papier@exemple.fr").first()
            let agentAccount = try await Account.query(on: app.db).filter(\.$email == "enregistreur@demo.logis.fr")
                .first()
            var documents: [RequestDocument] = []
            for piece in ["piece_identite@0", "quittance_loyer"] {
                let document = RequestDocument(
                    requestID: id, piece: piece, storedName: "\(UUID().uuidString.prefix(8)).pdf",
                    contentType: "application/pdf", size: 10, sha256: "x")
                try await document.create(on: app.db)
                documents.append(document)
            }
            try await app.send(
                .POST, "guichet/demandes/\(id)/pieces/\(try documents[0].requireID())/valider",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            try await app.send(
                .POST, "guichet/demandes/\(id)/pieces/\(try documents[1].requireID())/refuser",
                beforeRequest: {
                    Browser.post(&$0, form: ["reason": "obsolete", "comment": "", "confirm": "oui"], session: agent)
                },
                afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity, "a refusal needs a comment") })
            try await app.send(
                .POST, "guichet/demandes/\(id)/pieces/\(try documents[1].requireID())/refuser",
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["reason": "obsolete", "comment": "Quittance trop ancienne.", "confirm": "oui"],
                        session: agent)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            XCTAssertNotNil(applicant)
            XCTAssertNotNil(agentAccount)
            try await app.send(.GET, "mon-espace/pieces", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Motif du refus : Obsolète – Quittance trop ancienne."))
                XCTAssertTrue(res.body.string.contains("badge-validee"))
            }
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) { res in
                XCTAssertTrue(res.body.string.contains("Commentaire : Quittance trop ancienne."))
            }
            try await app.send(.GET, "guichet", beforeRequest: { Browser.withSession(&$0, agent) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertTrue(res.body.string.contains("Attestations à envoyer"))
            }
        }
    }

    func testSocialWorkerFlagsDALOAndTheApplicantCannot() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            let worker = try await Browser.signIn(
                app, email: "travailleur-social@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "guichet/demandes/\(id)/priorites",
                beforeRequest: { Browser.post(&$0, form: ["criterion": "dalo"], session: worker) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("date et sa référence"))
                })
            try await app.send(
                .POST, "guichet/demandes/\(id)/priorites",
                beforeRequest: {
                    Browser.post(
                        &$0, form: ["criterion": "dalo", "decidedOn": "2026-10-02", "reference": "COMED-30-2026-118"],
                        session: worker)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther) })
            let request = try await app.storedRequest(id)
            XCTAssertEqual(request.priorities, "dalo")
            let flags = try await PriorityFlag.query(on: app.db).all()
            XCTAssertEqual(flags.first?.reference, "COMED-30-2026-118")
            // A PDALHPD criterion with its evidence attached, scanned at the desk.
            try await app.send(
                .POST, "guichet/demandes/\(id)/priorites",
                beforeRequest: {
                    Browser.postMultipart(
                        &$0, fields: ["criterion": "pdalhpd", "reference": "Fiche PDALHPD 2026-07"],
                        file: ("evidence", "fiche.pdf", DocumentsTests.pdf), session: worker)
                },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            let evidence = try await PriorityFlag.query(on: app.db).filter(\.$criterion == "pdalhpd").first()
            let document = try await RequestDocument.find(evidence?.evidenceDocumentID, on: app.db)
            XCTAssertEqual(document?.piece, "priorite_pdalhpd")
            XCTAssertEqual(document?.size, DocumentsTests.pdf.count)
            try await app.send(
                .GET, "api/v1/requests/\(id)/cotation",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) { res in
                XCTAssertTrue(res.body.string.contains("Reconnu prioritaire et urgent au titre du DALO"))
            }
            // The applicant's own API has no way to set a priority.
            try await app.send(
                .PATCH, "api/v1/requests/\(id)",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["steps": ["priorites": ["criterion": "dalo"]]])
                },
                afterResponse: { XCTAssertEqual($0.status, .unprocessableEntity) })
        }
    }
}
