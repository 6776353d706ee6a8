import Fluent
import LogisCore
import Vapor

/// A paper Cerfa entered at a desk on behalf of a person: the wizard's sections and checks, then
/// duplicate detection, then the NUD with the desk's own code. Accueil agents may enter and hand
/// over to a registering desk, but never register.
struct GuichetEntryController: RouteCollection {
    static let entering = AccessPolicy.only(.accueil, .enregistreur)
    static let registering = AccessPolicy.only(.enregistreur)

    func boot(routes: any RoutesBuilder) throws {
        routes.post("guichet", "saisie", use: start).access(Self.entering)
        let entry = routes.grouped("guichet", "demandes", ":request", "saisie")
        entry.get("etape", ":step", use: showStep).access(Self.entering)
        entry.post("etape", ":step", use: saveStep).access(Self.entering)
        entry.get("recapitulatif", use: summary).access(Self.entering)
        entry.get("doublons", use: duplicates).access(Self.entering)
        entry.post("enregistrer", use: register).access(Self.registering)
        entry.post("transmettre", use: handOver).access(.only(.accueil))
        entry.post("transmettre-territoire", use: transfer).access(Self.entering)
        entry.post("rattacher", ":other", use: link).access(Self.entering)
    }

    func start(req: Request) async throws -> Response {
        let request = try await GuichetActions.startPaperRequest(by: try req.requireAccount(), on: req.db)
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .paperEntryCreated)
        return req.redirect(to: "/guichet/demandes/\(try request.requireID())/saisie/etape/demandeur")
    }

    func showStep(req: Request) async throws -> View {
        let (request, step) = try await current(req)
        return try await render(req, request, step: step, values: step.values(of: request.form), errors: [:])
    }

    func saveStep(req: Request) async throws -> Response {
        let (request, step) = try await current(req)
        var raw = try req.content.decode([String: String].self)
        raw.removeValue(forKey: CSRFMiddleware.fieldName)
        var form = request.form
        let errors = AgentWording.aboutApplicant(
            step.apply(raw, to: &form, communes: try await communes(req), today: req.today))
        guard errors.isEmpty else {
            return try await render(req, request, step: step, values: raw, errors: errors)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await RequestUpdate.save(request, form: form, changed: [step], by: try req.requireAccount(), on: req.db)
        try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .paperEntryUpdated)
        let base = "/guichet/demandes/\(try request.requireID())/saisie"
        // Issue 13 §3: the person may already have a request; say so before eight more steps are typed.
        if step == .demandeur, try await !DuplicateDetection.candidates(for: request, on: req.db).isEmpty {
            return req.redirect(to: "\(base)/doublons")
        }
        let next = step.next.flatMap { $0.isAnswered(in: form) ? WizardStep.firstMissing(in: form) : $0 }
        return req.redirect(to: next.map { "\(base)/etape/\($0.rawValue)" } ?? "\(base)/recapitulatif")
    }

    struct SummaryPage: Encodable {
        struct Candidate: Encodable {
            let id: UUID
            let nud: String?
            let status: String
            let summary: RequestSummary
        }

        let layout: LayoutContext
        let feedback: FormFeedback
        let base: String
        let summary: RequestSummary
        let missing: [String]
        let complete: Bool
        let candidates: [Candidate]
        /// Matches in other territories: a count, without identity, for a registering desk only.
        let elsewhere: Int
        let canRegister: Bool
        let handedOver: Bool
        /// The first wished commune lies in another territory: the entry is sent there, not registered here.
        let otherTerritory: String?
        /// The default and latest day the paper form can have been received.
        let today: String
    }

    struct DuplicatesPage: Encodable {
        let layout: LayoutContext
        let base: String
        let summary: RequestSummary
        let candidates: [SummaryPage.Candidate]
        /// Where « Personne différente : continuer » leads: the next step still to type.
        let next: String
    }

    /// Right after the identity step: the requests of the same person in the agent's territory,
    /// to link to instead of typing the whole Cerfa again.
    func duplicates(req: Request) async throws -> Response {
        let (request, _) = try await draft(req)
        let base = "/guichet/demandes/\(try request.requireID())/saisie"
        let next =
            WizardStep.firstMissing(in: request.form).map { "\(base)/etape/\($0.rawValue)" } ?? "\(base)/recapitulatif"
        let (candidates, _) = try await DuplicateDetection.visibleCandidates(for: request, on: req)
        guard !candidates.isEmpty else { return req.redirect(to: next) }
        let communes = try await CommuneList.load(on: req.db)
        let page = DuplicatesPage(
            layout: req.layoutContext(title: "Saisie papier – cette personne a peut-être déjà une demande"), base: base,
            summary: RequestSummary(request, communes: communes, today: req.today, atDesk: true),
            candidates: Self.shown(candidates, communes: communes, today: req.today), next: next)
        return try await req.view.render("guichet/entry-duplicates", page).encodeResponse(for: req)
    }

    static func shown(
        _ candidates: [HousingRequest], communes: CommuneList, today: CalendarDate
    ) -> [SummaryPage.Candidate] {
        candidates.compactMap { candidate in
            candidate.id.map {
                SummaryPage.Candidate(
                    id: $0, nud: candidate.nud, status: candidate.status.label,
                    summary: RequestSummary(candidate, communes: communes, today: today, atDesk: true))
            }
        }
    }

    func summary(req: Request) async throws -> View {
        let (request, _) = try await draft(req)
        return try await renderSummary(req, request, feedback: .none)
    }

    struct RegisterForm: Content {
        let confirmDifferentPerson: String?
        let receivedOn: String?
    }

    func register(req: Request) async throws -> Response {
        let (request, agent) = try await draft(req)
        let form = try req.content.decode(RegisterForm.self)
        do {
            request.paperReceivedOn = try PaperReceipt.date(form.receivedOn, today: req.today).iso
            try await GuichetActions.register(request, by: agent, force: form.confirmDifferentPerson == "oui", on: req)
        } catch let failure as LogisError where failure.status == .conflict || failure.status == .unprocessableEntity {
            return try await renderSummary(req, request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return req.redirect(to: "/guichet/demandes/\(try request.requireID())?message=enregistree")
    }

    func handOver(req: Request) async throws -> Response {
        let (request, _) = try await draft(req)
        try await GuichetActions.handOver(request, on: req)
        return req.redirect(to: "/guichet?message=transmise")
    }

    func transfer(req: Request) async throws -> Response {
        let (request, _) = try await draft(req)
        do {
            try await GuichetActions.transferToTerritoryOfWish(request, on: req)
        } catch let failure as LogisError where failure.status == .conflict || failure.status == .unprocessableEntity {
            return try await renderSummary(req, request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return req.redirect(to: "/guichet?message=transmise-territoire")
    }

    struct LinkPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let base: String
        let existingID: UUID
        let nud: String?
        let differences: [DuplicateLink.Difference]
    }

    /// The person already has a request: the entry is merged into it and dropped, and the existing
    /// file opened. Where the entry differs, the comparison page comes first and the agent keeps,
    /// section by section, the existing answer or the typed one.
    func link(req: Request) async throws -> Response {
        let (request, agent) = try await draft(req)
        let other = try await AgentScope.open(
            req.parameters.get("other", as: UUID.self), reason: .consultation, on: req)
        let candidates = try await DuplicateDetection.candidates(for: request, on: req.db).compactMap(\.id)
        guard other.id != request.id, let otherID = other.id, candidates.contains(otherID) else {
            throw LogisError(
                .conflict, code: .notADuplicate, message: "Cette demande n’est pas un doublon possible de la saisie."
            )
        }
        var choices = try req.content.decode([String: String].self)
        choices.removeValue(forKey: CSRFMiddleware.fieldName)
        guard let merged = DuplicateLink.merged(entry: request.form, existing: other.form, choices: choices) else {
            let chose = choices.keys.contains { $0.hasPrefix("choix_") }
            let page = LinkPage(
                layout: req.layoutContext(title: "Rattacher la saisie à la demande existante"),
                feedback: chose ? .error("Choisissez, pour chaque section, la version à garder.") : .none,
                base: "/guichet/demandes/\(try request.requireID())/saisie", existingID: otherID, nud: other.nud,
                differences: DuplicateLink.differences(
                    entry: request.form, existing: other.form, communes: try await communes(req), choices: choices,
                    year: req.today.year))
            return try await req.view.render("guichet/entry-link", page)
                .encodeResponse(status: chose ? .unprocessableEntity : .ok, for: req)
        }
        // The entry, its pieces, the chosen answers, the event and the audit line go together; the files follow.
        let documents = try await RequestDocument.query(on: req.db)
            .filter(\.$request.$id == (try request.requireID())).all()
        let outgoing = documents.map { PendingFile(storedName: $0.storedName, createdAt: req.now) }
        try await req.db.transaction { db in
            for (document, pending) in zip(documents, outgoing) {
                try await pending.create(on: db)
                try await document.delete(on: db)
            }
            try await request.delete(on: db)
            try await RequestUpdate.save(other, form: merged.form, changed: merged.taken, by: agent, on: db)
            if !merged.taken.isEmpty { try await RequestCotation.refresh(other, on: db, app: req.application) }
            try await RequestEvent(
                requestID: otherID, kind: .updated,
                label: "Nouvelle saisie papier rapprochée de cette demande (doublon évité).", actor: agent
            ).create(on: db)
            try await req.audit(
                .requestChanged, target: .request(try request.requireID()), reason: .linkedToDuplicate, in: db)
        }
        try await PendingFile.sweep(req.application, now: req.now, only: outgoing)
        return req.redirect(to: "/guichet/demandes/\(otherID)?message=rattachee")
    }

    private func renderSummary(_ req: Request, _ request: HousingRequest, feedback: FormFeedback) async throws -> View {
        let (candidates, elsewhere) = try await DuplicateDetection.visibleCandidates(for: request, on: req)
        let missing = WizardStep.allCases.filter { !$0.isAnswered(in: request.form) }.map(\.title)
        let agent = try req.requireAccount()
        let own = AgentScope.territoryID(of: agent)
        var otherTerritory: String?
        if let target = try await GuichetActions.territoryOfFirstWish(request, on: req.db),
            target != own
        {
            otherTerritory = try await Territory.find(target, on: req.db)?.name
        }
        let communes = try await CommuneList.load(on: req.db)
        let page = SummaryPage(
            layout: req.layoutContext(title: "Saisie d’une demande papier – récapitulatif"), feedback: feedback,
            base: "/guichet/demandes/\(try request.requireID())/saisie",
            summary: RequestSummary(request, communes: communes, today: req.today, atDesk: true),
            missing: missing, complete: missing.isEmpty,
            candidates: Self.shown(candidates, communes: communes, today: req.today),
            elsewhere: elsewhere ?? 0, canRegister: agent.role == .enregistreur, handedOver: request.handedOver == true,
            otherTerritory: otherTerritory, today: req.today.iso)
        return try await req.view.render("guichet/entry-summary", page)
    }

    private func render(
        _ req: Request, _ request: HousingRequest, step: WizardStep, values: [String: String], errors: [String: String]
    ) async throws -> View {
        let page = WizardPage(
            step: step, form: request.form, values: values, errors: errors, communes: try await communes(req),
            isUpdate: false, layout: req.layoutContext(title: "Saisie papier – étape \(step.number) : \(step.title)"),
            today: req.today,
            base: "/guichet/demandes/\(try request.requireID())/saisie", fieldOrder: req.postedFieldNames)
        return try await req.view.render(step.template, page)
    }

    private func draft(_ req: Request) async throws -> (HousingRequest, Account) {
        let request = try await AgentScope.open(
            req.parameters.get("request", as: UUID.self), reason: .paperEntry, on: req)
        guard request.status == .brouillon else { throw RequestRegistration.notADraft }
        return (request, try req.requireAccount())
    }

    private func current(_ req: Request) async throws -> (HousingRequest, WizardStep) {
        guard let step = WizardStep(rawValue: req.parameters.get("step") ?? "") else { throw LogisError.notFound }
        return (try await draft(req).0, step)
    }

    private func communes(_ req: Request) async throws -> CommuneList {
        try await CommuneList.load(on: req.db)
    }
}
