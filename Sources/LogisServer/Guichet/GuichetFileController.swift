import Fluent
import LogisCore
import Vapor

/// One request seen from a desk: the file (every opening audited), the pieces with preview,
/// validation and refusal, the attestation, radiation and its cancellation, priority flags.
struct GuichetFileController: RouteCollection {
    /// Who may do what on a file: the routes declare these, and the page's buttons (`can`) are
    /// computed from the same values, so a button is never shown for a route that would refuse.
    enum Policies {
        static let upload = AccessPolicy.only(.enregistreur, .accueil)
        static let preview = AccessPolicy.only(.enregistreur, .travailleurSocial, .admin)
        static let review = AccessPolicy.only(.enregistreur)
        static let activate = AccessPolicy.only(.enregistreur)
        static let attestationSent = AccessPolicy.only(.enregistreur)
        static let attestation = AccessPolicy.only(.enregistreur, .accueil)
        static let radiate = AccessPolicy.only(.enregistreur)
        static let restore = AccessPolicy.only(.admin)
        static let priority = AccessPolicy.only(.travailleurSocial, .enregistreur)
    }

    func boot(routes: any RoutesBuilder) throws {
        let file = routes.grouped("guichet", "demandes", ":request")
        file.get(use: show).access(GuichetHomeController.agents)
        file.on(.POST, "pieces", body: .stream, use: uploadPiece).receivesUpload().access(Policies.upload)
        file.get("pieces", ":document", use: preview).access(Policies.preview)
        file.post("pieces", ":document", "valider", use: validatePiece).access(Policies.review)
        file.post("pieces", ":document", "refuser", use: refusePiece).access(Policies.review)
        file.post("activer", use: activate).access(Policies.activate)
        file.post("attestation-envoyee", use: attestationSent).access(Policies.attestationSent)
        file.get("attestation.pdf", use: attestation).access(Policies.attestation)
        file.post("attestation.pdf", use: attestationWithClaimCode).access(Policies.attestation)
        file.post("code-rattachement", use: newClaimCode).access(Policies.attestation)
        file.post("radier", use: radiate).access(Policies.radiate)
        file.post("annuler-radiation", use: restore).access(Policies.restore)
        file.on(.POST, "priorites", body: .stream, use: flagPriority).receivesUpload().access(Policies.priority)
        file.post("criteres", ":code", "valider", use: validateCriterion).access(Policies.priority)
    }

    /// The actions the page offers this agent on this request now: the route's policy, and
    /// for status moves the core's state machine (and the restore window).
    struct Can: Encodable {
        let upload: Bool
        let preview: Bool
        let review: Bool
        let activate: Bool
        let attestation: Bool
        let attestationSent: Bool
        let radiate: Bool
        let restore: Bool
        let priority: Bool

        init(_ role: Role, _ request: HousingRequest, today: CalendarDate) {
            let actor = role.requestActor
            func may(_ move: RequestMove) -> Bool {
                (try? RequestStateMachine.apply(
                    move, to: request.status, by: actor, previous: request.statusBeforeRadiation)) != nil
            }
            // A closed file (struck off, satisfied) takes no new piece and no new priority.
            let open = request.status.isLive
            upload = Policies.upload.allows(role) && open
            preview = Policies.preview.allows(role)
            review = Policies.review.allows(role)
            activate = Policies.activate.allows(role) && may(.activate)
            attestation = Policies.attestation.allows(role)
            attestationSent = Policies.attestationSent.allows(role)
            // A draft is abandoned from its entry pages, not struck off from the file.
            radiate = Policies.radiate.allows(role) && request.status != .brouillon && may(.radiate)
            let inWindow = request.radiatedAt.map {
                RequestDeadlines.canRestore(radiatedOn: CalendarDate.today(now: $0), on: today)
            }
            restore = Policies.restore.allows(role) && may(.restore) && inWindow == true
            priority = Policies.priority.allows(role) && open
        }
    }

    struct FilePage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let id: UUID
        let nud: String?
        let status: String
        let radiation: String?
        let summary: RequestSummary
        let checklist: ChecklistView
        let timeline: [PersonalSpaceController.TimelineLine]
        let priorities: [String]
        let pendingCriteria: [CotationView.Line]
        let score: Int?
        let attestationSent: Bool
        let radiationMotifs: [FormChoice]
        let refusalReasons: [FormChoice]
        let priorityCriteria: [FormChoice]
        let can: Can
        let base: String
        let followedOnline: Bool
        let claimCode: String?
        let identity: FileIdentity
        let todo: [String]
    }

    static let messages = [
        "validee": "La pièce a été validée.",
        "refusee": "La pièce a été refusée ; le demandeur voit votre commentaire.",
        "radiee": "La demande a été radiée.", "restauree": "La radiation a été annulée.",
        "priorite": "Le statut prioritaire a été enregistré.", "critere": "Le critère a été validé.",
        "attestation": "L’envoi de l’attestation est noté.", "activee": "La demande est vérifiée et active.",
        "enregistree": "La demande est enregistrée : remettez ou envoyez l’attestation au demandeur.",
        "deposee": "La pièce a été déposée.",
        "rattachee": "La nouvelle saisie a été rattachée à cette demande : aucun doublon n’a été créé.",
    ]

    func show(req: Request) async throws -> Response {
        let request = try await open(req, reason: AuditReason.given(req.query[String.self, at: "motif"]))
        if request.status == .brouillon, req.auth.get(Account.self)?.role != .admin {
            return req.redirect(to: "/guichet/demandes/\(try request.requireID())/saisie/recapitulatif")
        }
        let notice = req.query[String.self, at: "message"].flatMap { Self.messages[$0] }
        return try await render(req, request, feedback: .init(error: nil, notice: notice)).encodeResponse(for: req)
    }

    func render(
        _ req: Request, _ request: HousingRequest, feedback: FormFeedback, claimCode: String? = nil
    )
        async throws -> View
    {
        let id = try request.requireID()
        let events = try await RequestEvent.query(on: req.db).filter(\.$request.$id == id)
            .sort(\.$occurredAt, .descending).all()
        let cotation = try? await CotationView.build(for: request, on: req)
        let checklist = try await ChecklistView.build(for: request, on: req.db, today: req.today)
        let pendingCriteria = cotation?.lines.filter(\.pendingValidation) ?? []
        let can = Can(try req.requireAccount().role, request, today: req.today)
        let page = FilePage(
            layout: req.layoutContext(title: "Demande \(request.nud ?? "en cours de saisie")"), feedback: feedback,
            id: id,
            nud: request.nud, status: request.status.label,
            radiation: request.radiationMotif.flatMap(RadiationMotif.init(rawValue:)).map(\.label),
            summary: RequestSummary(
                request, communes: try await CommuneList.load(on: req.db), today: req.today, atDesk: true),
            checklist: checklist,
            timeline: events.map {
                .init(date: PersonalSpaceController.french($0.occurredAt), label: $0.label, comment: $0.comment)
            },
            priorities: try request.priorityCriteria().elements.map(\.label),
            pendingCriteria: pendingCriteria, score: cotation?.total,
            attestationSent: request.attestationSentAt != nil,
            radiationMotifs: RadiationMotif.allCases.filter { $0 != .attribution }.map {
                FormChoice(code: $0.rawValue, label: $0.label)
            },
            refusalReasons: RequestDocument.RefusalReason.allCases.map {
                FormChoice(code: $0.rawValue, label: $0.label)
            },
            priorityCriteria: PriorityCriterion.allCases.map { FormChoice(code: $0.code, label: $0.label) },
            can: can, base: "/guichet/demandes/\(id)",
            followedOnline: request.$account.id != nil, claimCode: claimCode, identity: FileIdentity(request),
            todo: FileTodo.items(
                request, checklist: checklist, pendingCriteria: pendingCriteria.count, can: can, today: req.today))
        return try await req.view.render("guichet/file", page)
    }

    func preview(req: Request) async throws -> Response {
        let request = try await open(req, reason: .pieceReview)
        let document = try await GuichetActions.document(
            req.parameters.get("document", as: UUID.self), of: request, on: req.db)
        let contents = try await DocumentStore.contents(of: document, on: req)
        let response = Response(status: .ok, body: .init(buffer: contents))
        response.headers.replaceOrAdd(name: .contentType, value: document.contentType)
        // Shown in the browser, never run: the bytes were checked to be a PDF, JPEG or PNG.
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy", value: "default-src 'none'; img-src 'self'; sandbox")
        return response
    }

    /// A piece handed over at the desk on paper, scanned by the agent.
    func uploadPiece(req: Request) async throws -> Response {
        let request = try await open(req, reason: .pieceUpload)
        do {
            let form = try await DocumentsController.UploadForm.read(req)
            _ = try await DocumentStore.upload(
                form.file, piece: form.piece, to: request, by: try req.requireAccount(), on: req)
        } catch let failure as LogisError where failure.status != .internalServerError {
            return try await render(req, request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return back(req, request, "deposee")
    }

    func validatePiece(req: Request) async throws -> Response {
        let (request, document) = try await pieceAction(req)
        try await DocumentReview.validate(
            document, label: try GuichetActions.label(of: document, in: request, today: req.today),
            by: try req.requireAccount(), on: req.db)
        return back(req, request, "validee")
    }

    struct RefusalForm: Content {
        let reason: String
        let comment: String?
        let confirm: String?
    }

    static let refusalUnconfirmed =
        "Cochez la case « Je confirme le refus de cette pièce » : le demandeur devra en déposer une autre."
    static let radiationUnconfirmed =
        "Cochez la case « Je confirme la radiation » : la demande sort des files et des attributions, "
        + "et seul un administrateur peut l’annuler dans les 30 jours."

    func refusePiece(req: Request) async throws -> Response {
        let (request, document) = try await pieceAction(req)
        let form = try req.content.decode(RefusalForm.self)
        do {
            guard let reason = RequestDocument.RefusalReason(rawValue: form.reason) else {
                throw LogisError.validation("Choisissez le motif du refus.", code: .refusalReasonRequired)
            }
            try Confirmation.require(form.confirm, Self.refusalUnconfirmed)
            try await DocumentReview.refuse(
                document, label: try GuichetActions.label(of: document, in: request, today: req.today), reason: reason,
                comment: form.comment ?? "", by: try req.requireAccount(), on: req.db)
        } catch let failure as LogisError where failure.status == .unprocessableEntity {
            return try await render(req, request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return back(req, request, "refusee")
    }

    func activate(req: Request) async throws -> Response {
        let request = try await open(req, reason: .onlineRequestCheck)
        try await GuichetActions.activate(request, by: try req.requireAccount(), on: req)
        return back(req, request, "activee")
    }

    func attestationSent(req: Request) async throws -> Response {
        let request = try await open(req, reason: .attestation)
        try await GuichetActions.markAttestationSent(request, by: try req.requireAccount(), on: req)
        return back(req, request, "attestation")
    }

    /// A reprint: reading the attestation changes nothing (a GET may be repeated, prefetched, cached).
    func attestation(req: Request) async throws -> Response {
        let request = try await open(req, reason: .attestation)
        return try await Attestation.response(for: request, on: req)
    }

    /// The attestation with a new one-time code printed on it, for a request nobody follows online
    /// yet; the previous code stops working, so this is a POST.
    func attestationWithClaimCode(req: Request) async throws -> Response {
        let request = try await open(req, reason: .attestation)
        guard request.$account.id == nil, request.status.isRegistered else {
            throw LogisError(
                .conflict, code: .alreadyFollowed,
                message: "Cette demande est déjà suivie depuis un espace personnel.")
        }
        let code = try await issueClaimCode(request, on: req)
        return try await Attestation.response(for: request, claimCode: code, on: req)
    }

    func newClaimCode(req: Request) async throws -> Response {
        let request = try await open(req, reason: .attestation)
        guard request.$account.id == nil, request.status.isRegistered else {
            throw LogisError(
                .conflict, code: .alreadyFollowed,
                message: "Cette demande est déjà suivie depuis un espace personnel.")
        }
        let code = try await issueClaimCode(request, on: req)
        let notice = "Code de rattachement à remettre au demandeur : \(code). Il ne sert qu’une fois."
        return try await render(req, request, feedback: .notice(notice), claimCode: code).encodeResponse(for: req)
    }

    private func issueClaimCode(_ request: HousingRequest, on req: Request) async throws -> String {
        let code = RequestClaim.newCode()
        request.claimCodeHash = HexDigest.sha256(code)
        try await request.save(on: req.db)
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .claimCodeIssued)
        return code
    }

    struct RadiationForm: Content {
        let motif: String
        let comment: String?
        let confirm: String?
    }

    func radiate(req: Request) async throws -> Response {
        let request = try await open(req, reason: .radiation)
        let form = try req.content.decode(RadiationForm.self)
        do {
            let motif = try GuichetActions.radiationMotif(form.motif)
            try Confirmation.require(form.confirm, Self.radiationUnconfirmed)
            try await GuichetActions.radiate(
                request, motif: motif, comment: form.comment ?? "", by: try req.requireAccount(), on: req)
        } catch let failure as LogisError where failure.status == .unprocessableEntity {
            return try await render(req, request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return back(req, request, "radiee")
    }

    func restore(req: Request) async throws -> Response {
        let request = try await open(req, reason: .radiationCancellation)
        try await GuichetActions.restore(request, by: try req.requireAccount(), on: req)
        return back(req, request, "restauree")
    }

    func flagPriority(req: Request) async throws -> Response {
        let request = try await open(req, reason: .priorityStatus)
        // The decision or evidence, scanned, is optional: a form without a chosen file sends an empty part.
        let form = try await ReceivedForm.read(req, fileFields: ["evidence"])
        do {
            try await GuichetActions.flagPriority(
                request, criterion: try form.field("criterion"), decidedOn: form.fields["decidedOn"] ?? "",
                reference: form.fields["reference"] ?? "", comment: form.fields["comment"] ?? "",
                evidence: form.files["evidence"].flatMap { $0.size > 0 ? $0 : nil },
                by: try req.requireAccount(), on: req)
        } catch let failure as LogisError where failure.isRefusal {
            return try await render(req, request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return back(req, request, "priorite")
    }

    func validateCriterion(req: Request) async throws -> Response {
        let request = try await open(req, reason: .criterionValidation)
        try await GuichetActions.validateCriterion(
            request, code: req.parameters.get("code") ?? "", by: try req.requireAccount(), on: req)
        return back(req, request, "critere")
    }

    private func open(_ req: Request, reason: AuditReason) async throws -> HousingRequest {
        try await AgentScope.open(req.parameters.get("request", as: UUID.self), reason: reason, on: req)
    }

    private func pieceAction(_ req: Request) async throws -> (HousingRequest, RequestDocument) {
        let request = try await open(req, reason: .pieceReview)
        let document = try await GuichetActions.document(
            req.parameters.get("document", as: UUID.self), of: request, on: req.db)
        return (request, document)
    }

    private func back(_ req: Request, _ request: HousingRequest, _ message: String) -> Response {
        req.redirect(to: "/guichet/demandes/\(request.id?.uuidString ?? "")?message=\(message)")
    }
}
