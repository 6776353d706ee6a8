import Fluent
import LogisCore
import Vapor

/// The desks' actions on the JSON API, under `/api/v1/guichet`: same rules, same audit.
struct GuichetAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "guichet")
        let agents = GuichetHomeController.agents
        api.get("queues", use: queues).access(agents)
        api.get("queues", ":queue", use: queue).access(agents)
        api.get("requests", use: search).access(agents)
        api.post("search", use: searchByPerson).access(agents)
        api.post("requests", use: create).access(GuichetEntryController.entering)
        let one = api.grouped("requests", ":request")
        one.get(use: show).access(agents)
        one.patch(use: update).access(GuichetEntryController.entering)
        one.get("duplicates", use: duplicates).access(GuichetEntryController.entering)
        one.post("register", use: register).access(.only(.enregistreur))
        one.post("hand-over", use: handOver).access(.only(.accueil))
        one.post("transfer", use: transfer).access(.only(.accueil, .enregistreur))
        one.post("attestation-sent", use: attestationSent).access(.only(.enregistreur))
        one.post("documents", ":document", "validate", use: validate).access(.only(.enregistreur))
        one.post("documents", ":document", "refuse", use: refuse).access(.only(.enregistreur))
        one.post("activate", use: activate).access(.only(.enregistreur))
        one.post("radiate", use: radiate).access(.only(.enregistreur))
        one.post("restore", use: restore).access(.only(.admin))
        one.post("priorities", use: priority).access(.only(.travailleurSocial, .enregistreur))
    }

    struct QueueDTO: Content {
        let queue: String
        let title: String
        let count: Int
        let overdue: Int
        let items: [QueueItem]
    }

    func queues(req: Request) async throws -> [QueueDTO] {
        let agent = try req.requireAccount()
        var result: [QueueDTO] = []
        for queue in WorkQueue.visible(to: agent.role) {
            let page = try await WorkQueues.page(
                queue, for: agent, on: req.db, today: req.today, size: GuichetHomeController.pageSize)
            try await req.auditListed(page.items.map(\.requestID), reason: .queue(queue))
            result.append(
                QueueDTO(
                    queue: queue.rawValue, title: queue.title, count: page.total, overdue: page.overdue,
                    items: page.items))
        }
        return result
    }

    func queue(req: Request) async throws -> QueueDTO {
        guard let queue = WorkQueue(rawValue: req.parameters.get("queue") ?? "") else { throw LogisError.notFound }
        let agent = try req.requireAccount()
        guard queue.policy.allows(agent.role) else { throw LogisError.notFound }
        let page = try await WorkQueues.page(
            queue, for: agent, on: req.db, today: req.today,
            page: max(1, req.query[Int.self, at: "page"] ?? 1), size: GuichetHomeController.pageSize)
        try await req.auditListed(page.items.map(\.requestID), reason: .queue(queue))
        return QueueDTO(
            queue: queue.rawValue, title: queue.title, count: page.total, overdue: page.overdue, items: page.items)
    }

    /// By commune and status only: a person's name or birth date goes by POST.
    func search(req: Request) async throws -> [QueueItem] {
        if req.query[String.self, at: "q"]?.isEmpty == false
            || req.query[String.self, at: "birthDate"]?.isEmpty == false
        {
            throw RequestSearch.personInAddress
        }
        let criteria = RequestSearch.Criteria(
            text: "", birthDate: "", commune: req.query[String.self, at: "commune"] ?? "",
            status: req.query[String.self, at: "status"] ?? "")
        return try await runSearch(criteria, on: req)
    }

    struct SearchBody: Content {
        let q: String?
        let birthDate: String?
        let commune: String?
        let status: String?
    }

    func searchByPerson(req: Request) async throws -> [QueueItem] {
        let body = try req.content.decode(SearchBody.self)
        let criteria = RequestSearch.Criteria(
            text: body.q ?? "", birthDate: body.birthDate ?? "", commune: body.commune ?? "",
            status: body.status ?? "")
        return try await runSearch(criteria, on: req)
    }

    private func runSearch(_ criteria: RequestSearch.Criteria, on req: Request) async throws -> [QueueItem] {
        guard !criteria.isEmpty else {
            throw LogisError(
                .badRequest, code: .missingCriteria, message: "Indiquez au moins un critère de recherche.")
        }
        return try await RequestSearch.run(criteria, on: req)
    }

    struct AgentRequestDTO: Content {
        let request: RequestDTO
        let checklist: ChecklistView
        let priorities: [String]
        let attestationSent: Bool
    }

    func show(req: Request) async throws -> AgentRequestDTO {
        let request = try await open(req, reason: AuditReason.given(req.query[String.self, at: "reason"]))
        return AgentRequestDTO(
            request: RequestDTO(request),
            checklist: try await ChecklistView.build(for: request, on: req.db, today: req.today),
            priorities: try request.priorityCriteria().elements.map(\.code),
            attestationSent: request.attestationSentAt != nil)
    }

    func create(req: Request) async throws -> Response {
        let agent = try req.requireAccount()
        let body = try req.content.decode(StepsBody.self)
        let form = try await RequestsAPIController.apply(body.steps, to: RequestForm(), on: req.db, today: req.today)
        let request = try await GuichetActions.startPaperRequest(by: agent, on: req.db)
        request.form = form
        request.syncSearchColumns()
        try await request.save(on: req.db)
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .paperEntryCreated)
        return try await RequestDTO(request).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> RequestDTO {
        let request = try await open(req, reason: .paperEntry)
        guard request.status == .brouillon else { throw RequestRegistration.notADraft }
        let body = try req.content.decode(StepsBody.self)
        let form = try await RequestsAPIController.apply(body.steps, to: request.form, on: req.db, today: req.today)
        let changed = WizardStep.allCases.filter { body.steps[$0.rawValue] != nil }
        try await RequestUpdate.save(request, form: form, changed: changed, by: try req.requireAccount(), on: req.db)
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .paperEntryUpdated)
        return RequestDTO(request)
    }

    struct DuplicateDTO: Content {
        let id: UUID?
        let nud: String?
        let status: String
    }

    struct DuplicatesDTO: Content {
        /// Candidates in the agent's territory.
        let candidates: [DuplicateDTO]
        /// Matches in other territories, for a registering desk with a complete entry; null otherwise.
        let elsewhere: Int?
    }

    func duplicates(req: Request) async throws -> DuplicatesDTO {
        let request = try await open(req, reason: .duplicate)
        let (visible, elsewhere) = try await DuplicateDetection.visibleCandidates(for: request, on: req)
        return DuplicatesDTO(
            candidates: visible.map { DuplicateDTO(id: $0.id, nud: $0.nud, status: $0.status.rawValue) },
            elsewhere: elsewhere)
    }

    struct RegisterBody: Content {
        /// Set after comparing the candidates: they are other people.
        let force: Bool?
    }

    func register(req: Request) async throws -> Response {
        let request = try await open(req, reason: .registration)
        let body = (req.body.data?.readableBytes ?? 0) > 0 ? try req.content.decode(RegisterBody.self) : nil
        try await GuichetActions.register(request, by: try req.requireAccount(), force: body?.force ?? false, on: req)
        return try await RequestDTO(request).encodeResponse(status: .created, for: req)
    }

    func handOver(req: Request) async throws -> RequestDTO {
        let request = try await open(req, reason: .transmission)
        try await GuichetActions.handOver(request, on: req)
        return RequestDTO(request)
    }

    func transfer(req: Request) async throws -> HTTPStatus {
        let request = try await open(req, reason: .transmission)
        try await GuichetActions.transferToTerritoryOfWish(request, on: req)
        return .noContent
    }

    func attestationSent(req: Request) async throws -> HTTPStatus {
        let request = try await open(req, reason: .attestation)
        try await GuichetActions.markAttestationSent(request, by: try req.requireAccount(), on: req)
        return .noContent
    }

    func validate(req: Request) async throws -> DocumentDTO {
        let (request, document) = try await piece(req)
        try await DocumentReview.validate(
            document, label: try GuichetActions.label(of: document, in: request, today: req.today),
            by: try req.requireAccount(), on: req.db)
        return DocumentDTO(document)
    }

    struct RefusalBody: Content {
        let reason: String
        let comment: String
    }

    func refuse(req: Request) async throws -> DocumentDTO {
        let (request, document) = try await piece(req)
        let body = try req.content.decode(RefusalBody.self)
        guard let reason = RequestDocument.RefusalReason(rawValue: body.reason) else {
            throw LogisError.validation(
                "Motif de refus inconnu : inexploitable, hors_perimetre ou obsolete.", code: .unknownReason)
        }
        try await DocumentReview.refuse(
            document, label: try GuichetActions.label(of: document, in: request, today: req.today), reason: reason,
            comment: body.comment,
            by: try req.requireAccount(), on: req.db)
        return DocumentDTO(document)
    }

    struct RadiationBody: Content {
        let motif: String
        let comment: String?
    }

    func radiate(req: Request) async throws -> RequestDTO {
        let request = try await open(req, reason: .radiation)
        let body = try req.content.decode(RadiationBody.self)
        try await GuichetActions.radiate(
            request, motif: try GuichetActions.radiationMotif(body.motif), comment: body.comment ?? "",
            by: try req.requireAccount(), on: req)
        return RequestDTO(request)
    }

    func activate(req: Request) async throws -> RequestDTO {
        let request = try await open(req, reason: .requestCheck)
        try await GuichetActions.activate(request, by: try req.requireAccount(), on: req)
        return RequestDTO(request)
    }

    func restore(req: Request) async throws -> RequestDTO {
        let request = try await open(req, reason: .radiationCancellation)
        try await GuichetActions.restore(request, by: try req.requireAccount(), on: req)
        return RequestDTO(request)
    }

    struct PriorityBody: Content {
        let criterion: String
        let decidedOn: String?
        let reference: String?
        let comment: String?
    }

    func priority(req: Request) async throws -> RequestDTO {
        let request = try await open(req, reason: .priorityStatus)
        let body = try req.content.decode(PriorityBody.self)
        try await GuichetActions.flagPriority(
            request, criterion: body.criterion, decidedOn: body.decidedOn ?? "", reference: body.reference ?? "",
            comment: body.comment ?? "", by: try req.requireAccount(), on: req)
        return RequestDTO(request)
    }

    private func open(_ req: Request, reason: AuditReason) async throws -> HousingRequest {
        try await AgentScope.open(req.parameters.get("request", as: UUID.self), reason: reason, on: req)
    }

    private func piece(_ req: Request) async throws -> (HousingRequest, RequestDocument) {
        let request = try await open(req, reason: .pieceReview)
        let document = try await GuichetActions.document(
            req.parameters.get("document", as: UUID.self), of: request, on: req.db)
        return (request, document)
    }
}
