import Fluent
import LogisCore
import Vapor

/// What desks do to a request, shared by the back-office pages and the API.
enum GuichetActions {
    static let cannotRegister = LogisError(
        .forbidden, code: .registrationForbidden,
        message: "Seul un guichet enregistreur peut enregistrer une demande et délivrer un numéro unique.")
    static let duplicatesFound = LogisError(
        .conflict, code: .possibleDuplicate,
        message: "Une demande existe peut-être déjà pour cette personne : comparez-les avant d’enregistrer.")

    static let outsideTerritory = LogisError(
        .conflict, code: .registrationOutsideTerritory,
        message:
            "La première commune souhaitée relève d’un autre territoire : ce guichet ne peut pas enregistrer "
            + "la demande. Transmettez la saisie à ce territoire.")
    static let nothingToTransfer = LogisError(
        .conflict, code: .sameTerritory,
        message: "La première commune souhaitée relève déjà de votre territoire : enregistrez la demande ici.")

    /// The territory a request belongs to: that of its first wished commune (DOMAIN.md §3), or
    /// nil while no commune is wished.
    static func territoryOfFirstWish(_ request: HousingRequest, on db: any Database) async throws -> UUID? {
        guard let code = request.form.wishes?.communeCodes.first else { return nil }
        return try await Commune.query(on: db).filter(\.$inseeCode == code).first()?.$territory.id
    }

    /// A desk registers only for its own territory: the request's NUD, queues and follow-up
    /// belong to the territory of its first wished commune.
    static func requireOwnTerritory(_ request: HousingRequest, agent: Account, on db: any Database) async throws {
        let own = AgentScope.territoryID(of: agent)
        guard let target = try await territoryOfFirstWish(request, on: db) else { return }
        if target != own { throw outsideTerritory }
    }

    /// Sends a complete paper entry to the territory of its first wished commune, whose desks
    /// find it in their queue of handed-over entries; the sending agent no longer sees it.
    static func transferToTerritoryOfWish(_ request: HousingRequest, on req: Request) async throws {
        guard request.status == .brouillon else { throw RequestRegistration.notADraft }
        guard WizardStep.firstMissing(in: request.form) == nil else { throw RequestRegistration.incomplete }
        let agent = try req.requireAccount()
        let own = AgentScope.territoryID(of: agent)
        guard let target = try await territoryOfFirstWish(request, on: req.db), target != own else {
            throw nothingToTransfer
        }
        request.$territory.id = target
        request.handedOver = true
        try await request.save(on: req.db)
        try await req.audit(
            .requestChanged, target: .request(try request.requireID()), reason: .transferred)
    }

    /// Opens a paper request entered at a desk, in the agent's territory.
    static func startPaperRequest(by agent: Account, on db: any Database) async throws -> HousingRequest {
        let request = HousingRequest(accountID: nil)
        request.$territory.id = AgentScope.territoryID(of: agent)
        request.createdBy = agent.id
        try await request.create(on: db)
        return request
    }

    /// Registers a paper request with the agent's desk code; refuses when duplicates exist unless
    /// the agent confirmed they are different people. Returns the one-time code the person uses to
    /// follow the request online (shown once, printed on the attestation).
    @discardableResult
    static func register(
        _ request: HousingRequest, by agent: Account, force: Bool, on req: Request
    ) async throws
        -> String
    {
        guard agent.role == .enregistreur else { throw cannotRegister }
        try await requireOwnTerritory(request, agent: agent, on: req.db)
        if !force, try await !DuplicateDetection.candidates(for: request, on: req.db).isEmpty {
            throw duplicatesFound
        }
        guard let deskCode = try await agent.$guichet.get(on: req.db)?.deskCode else {
            throw LogisError(
                .forbidden, code: .noRegisteringDesk,
                message: "Votre compte n’est rattaché à aucun guichet enregistreur : contactez l’administrateur.")
        }
        let code = RequestClaim.newCode()
        request.claimCodeHash = HexDigest.sha256(code)
        try await RequestRegistration.register(
            request, deskCode: deskCode, by: agent, on: req.db, today: req.today, now: req.now
        ) { db in
            try await RequestCotation.refresh(request, on: db, app: req.application)
            try await req.audit(
                .requestChanged, target: .request(try request.requireID()), reason: .registeredAtDesk, in: db)
        }
        return code
    }

    /// An accueil agent finished the entry: a registering desk takes it from its queue.
    static func handOver(_ request: HousingRequest, on req: Request) async throws {
        guard request.status == .brouillon else { throw RequestRegistration.notADraft }
        guard WizardStep.firstMissing(in: request.form) == nil else { throw RequestRegistration.incomplete }
        request.handedOver = true
        try await request.save(on: req.db)
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .handedOver)
    }

    /// A registering desk checked a registered request: it becomes active, with its event and
    /// audit line in the same transaction.
    static func activate(_ request: HousingRequest, by agent: Account, on req: Request) async throws {
        _ = try request.checked(.activate, by: agent.role.requestActor)
        try await RegistrationPieces.requireForActivation(request, on: req)
        try request.apply(.activate, by: agent.role.requestActor)
        try await req.db.transaction { db in
            try await request.save(on: db)
            try await RequestEvent(
                requestID: try request.requireID(), kind: .activated,
                label: "Demande vérifiée par le guichet enregistreur : elle est active.", actor: agent
            ).create(on: db)
            try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .activated, in: db)
        }
    }

    static func markAttestationSent(_ request: HousingRequest, by agent: Account, on req: Request) async throws {
        guard request.nud != nil, request.status.isRegistered else { throw Attestation.notRegistered }
        request.attestationSentAt = req.now
        request.syncSearchColumns()
        try await req.db.transaction { db in
            try await request.save(on: db)
            try await RequestEvent(
                requestID: try request.requireID(), kind: .updated, label: "Attestation d’enregistrement envoyée.",
                actor: agent
            ).create(on: db)
        }
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .attestationSent)
    }

    static func document(_ id: UUID?, of request: HousingRequest, on db: any Database) async throws -> RequestDocument {
        guard let id,
            let document = try await RequestDocument.query(on: db).filter(\.$id == id)
                .filter(\.$request.$id == (try request.requireID())).first()
        else { throw LogisError(.notFound, code: .documentNotFound, message: "Cette pièce n’existe pas.") }
        return document
    }

    static func label(of document: RequestDocument, in request: HousingRequest, today: CalendarDate) throws -> String {
        let piece = document.pieceFile.piece
        return try ChecklistView.requiredPiece(piece, of: request, today: today)?.label ?? piece
    }

    /// The motif a page or the API sent, with the same refusal for both.
    static func radiationMotif(_ code: String) throws -> RadiationMotif {
        guard let motif = RadiationMotif(rawValue: code.trimmingCharacters(in: .whitespaces)) else {
            throw LogisError.validation(
                "Choisissez le motif de la radiation parmi : "
                    + RadiationMotif.allCases.map(\.label).joined(separator: " ; ") + ".",
                code: .unknownMotif)
        }
        return motif
    }

    /// Radiation with a motif (DOMAIN.md §3); irrecevabilité needs a comment explaining it.
    static func radiate(
        _ request: HousingRequest, motif: RadiationMotif, comment: String, by agent: Account, on req: Request
    ) async throws {
        let comment = try TextInput.validated(comment)
        if motif == .irrecevabilite, comment.isEmpty {
            throw LogisError.validation(
                "Une radiation pour irrecevabilité doit être motivée : écrivez un commentaire.",
                code: .radiationCommentRequired)
        }
        request.statusBeforeRadiation = request.status
        request.radiationComment = comment.isEmpty ? nil : String(comment.prefix(500))
        try await RequestLifecycle.radiate(
            request, motif: motif, comment: request.radiationComment, by: agent, on: req.db, now: req.now)
        try await req.audit(
            .requestChanged, target: .request(try request.requireID()), reason: .radiated(motif))
    }

    static func restore(_ request: HousingRequest, by admin: Account, on req: Request) async throws {
        guard request.status == .radiee, let radiatedAt = request.radiatedAt else {
            throw LogisError(refusedMove: .nothingToRestore)
        }
        guard RequestDeadlines.canRestore(radiatedOn: CalendarDate.today(now: radiatedAt), on: req.today) else {
            throw LogisError(
                .conflict, code: .restoreWindowClosed,
                message: "La radiation date de plus de 30 jours : elle ne peut plus être annulée.")
        }
        try request.apply(.restore, by: admin.role.requestActor)
        request.radiationMotif = nil
        request.radiatedAt = nil
        request.statusBeforeRadiation = nil
        request.radiationComment = nil
        try await req.db.transaction { db in
            try await request.save(on: db)
            try await RequestEvent(
                requestID: try request.requireID(), kind: .updated, label: "Radiation annulée par un administrateur.",
                actor: admin
            ).create(on: db)
        }
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .radiationCancelled)
    }

    /// A social worker or agent sets a priority status, with the decision's date and reference.
    static func flagPriority(
        _ request: HousingRequest, criterion code: String, decidedOn: String, reference: String, comment: String,
        evidence: ReceivedFile? = nil, by agent: Account, on req: Request
    ) async throws {
        guard request.status.isLive else { throw LogisError.requestClosed }
        guard let criterion = PriorityCriterion(code: code) else {
            throw LogisError.validation("Critère de priorité inconnu.", code: .unknownPriority)
        }
        var date: String?
        if !decidedOn.isEmpty {
            guard let parsed = FormFields.parseDate(decidedOn), parsed <= req.today else {
                throw LogisError.validation(
                    "Date de décision invalide (JJ/MM/AAAA, pas dans le futur).", code: .invalidDate)
            }
            date = parsed.iso
        }
        let decisionDate = date
        let reference = try TextInput.validated(reference, allowLineBreaks: false)
        let comment = try TextInput.validated(comment)
        if criterion == .dalo, decisionDate == nil || reference.isEmpty {
            throw LogisError.validation(
                "Une décision DALO se saisit avec sa date et sa référence.", code: .daloDecisionIncomplete)
        }
        let requestID = try request.requireID()
        var evidenceID: UUID?
        if let evidence {
            evidenceID = try await DocumentStore.upload(
                evidence, piece: "priorite_\(criterion.code)", to: request, by: agent, on: req,
                label: "justificatif du statut prioritaire (\(criterion.label))"
            ).id
        }
        let evidenceDocumentID = evidenceID
        var criteria = try request.priorityCriteria()
        criteria.insert(criterion)
        request.setPriorityCriteria(criteria)
        // The evidence was seen by the person who sets the flag: the matching criterion counts.
        request.validatedCriterionCodes.insert(criterion.code)
        try await req.db.transaction { db in
            try await request.save(on: db)
            let flag = PriorityFlag(
                requestID: requestID, criterion: criterion.code, decidedOn: decisionDate,
                reference: reference.isEmpty ? nil : String(reference.prefix(100)),
                comment: comment.isEmpty ? nil : String(comment.prefix(500)), setBy: try agent.requireID())
            flag.evidenceDocumentID = evidenceDocumentID
            try await flag.create(on: db)
            try await RequestEvent(
                requestID: requestID, kind: .updated, label: "Statut prioritaire reconnu : \(criterion.label).",
                actor: agent
            ).create(on: db)
            // The score, the event and the audit line commit with the flag, or none of them.
            try await RequestCotation.refresh(request, on: db, app: req.application)
            try await req.audit(.requestChanged, target: .request(requestID), reason: .priority(criterion), in: db)
        }
    }

    /// Validates a cotation criterion that needs an agent's or social worker's check.
    static func validateCriterion(
        _ request: HousingRequest, code: String, by agent: Account, on req: Request
    )
        async throws
    {
        // Only a criterion the grid shows as waiting for validation can be validated, one at a time.
        let grid = try await RequestCotation.grid(for: request, on: req.db, app: req.application)
        let lines =
            grid?.score(
                try RequestCotation.facts(
                    of: request, today: req.today,
                    livesInTerritory: try await RequestCotation.livesInTerritory(request, on: req.db))
            ).lines ?? []
        let pending = lines.filter { $0.status == .pendingValidation }.map(\.code)
        guard pending.contains(code) else {
            throw LogisError.validation(
                "Ce critère n’attend pas de validation pour cette demande.", code: .criterionNotPending)
        }
        request.validatedCriterionCodes.insert(code)
        try await req.db.transaction { db in
            try await request.save(on: db)
            try await RequestEvent(
                requestID: try request.requireID(), kind: .updated, label: "Critère de cotation validé : \(code).",
                actor: agent
            ).create(on: db)
            try await RequestCotation.refresh(request, on: db, app: req.application)
            try await req.audit(
                .requestChanged, target: .request(try request.requireID()), reason: .criterionValidated, in: db)
        }
    }
}
