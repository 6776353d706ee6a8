import Fluent
import LogisCore
import Vapor

/// The applicant's espace personnel: status, NUD, renewal, timeline, update and abandon.
struct PersonalSpaceController: RouteCollection {
    static let applicants = AccessPolicy.only(.demandeur)

    func boot(routes: any RoutesBuilder) throws {
        let space = routes.grouped("mon-espace")
        space.get(use: home).access(Self.applicants)
        space.get("renouveler", use: renewalReview).access(Self.applicants)
        space.post("renouveler", use: renew).access(Self.applicants)
        space.get("attestation.pdf", use: attestation).access(Self.applicants)
        space.get("abandonner", use: abandonForm).access(Self.applicants)
        space.get("rattacher", use: claimForm).access(Self.applicants)
        space.post("rattacher", use: claim).access(Self.applicants)
        space.post("abandonner", use: abandon).access(Self.applicants)
        space.post("propositions", ":offer", "reponse", use: answerOffer).access(Self.applicants)
    }

    struct TimelineLine: Encodable {
        let date: String
        let label: String
        let comment: String?
    }

    struct HomePage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let hasRequest: Bool
        let isDraft: Bool
        let isRegistered: Bool
        let status: String
        let nud: String?
        let firstFiledOn: String?
        let anniversary: String?
        let radiationDate: String?
        let canRenew: Bool
        let timeline: [TimelineLine]
        let summary: RequestSummary?
        /// Refused pieces come first: the household must send another before anything moves.
        let refusedPieces: [ChecklistView.Item]
        let offers: [OfferView]
        let refusalMotifs: [RefusalChoice]
        let answerBase: String
        /// With no live request, the last one that ended: it stays visible with its history.
        let closed: ClosedRequest?
    }

    /// A struck-off, abandoned or satisfied request as its applicant sees it: what happened and
    /// whether it can still be undone; nothing to upload or declare on it any more.
    struct ClosedRequest: Encodable {
        let nud: String?
        let status: String
        let motif: String?
        let closedOn: String?
        let isRadiated: Bool
        /// The last day an administrator may still cancel the radiation, while it has not passed.
        let restorableUntil: String?
        let timeline: [TimelineLine]

        init(_ request: HousingRequest, timeline: [TimelineLine], today: CalendarDate) {
            nud = request.nud
            status = request.status.label
            motif = request.radiationMotif.flatMap(RadiationMotif.init(rawValue:))?.label
            closedOn = request.radiatedAt.map(PersonalSpaceController.french)
            isRadiated = request.status == .radiee
            restorableUntil = request.radiatedAt.map { CalendarDate.today(now: $0) }
                .flatMap { RequestDeadlines.canRestore(radiatedOn: $0, on: today) ? $0 : nil }
                .map { RequestSummary.display(RequestDeadlines.lastRestoreDay(radiatedOn: $0).iso) }
            self.timeline = timeline
        }
    }

    struct RefusalChoice: Encodable {
        let code: String
        let label: String
    }

    static let messages = [
        "enregistree": "Votre demande a bien été enregistrée. Conservez précieusement votre numéro unique.",
        "mise-a-jour": "Votre demande a bien été mise à jour.",
        "renouvelee": "Votre demande a bien été renouvelée.",
        "abandon": "Votre demande a été radiée à votre demande.",
        "rattachee": "La demande déposée au guichet est maintenant suivie depuis votre espace.",
        "proposition-acceptee": "Vous avez accepté le logement : le bailleur vous contacte pour signer le bail.",
        "proposition-refusee": "Votre refus est enregistré. Votre demande reste active.",
    ]

    func home(req: Request) async throws -> View {
        try await renderHome(req, feedback: nil)
    }

    private func renderHome(_ req: Request, feedback error: String?) async throws -> View {
        let account = try req.requireAccount()
        let request = try await RequestLookup.live(of: account, on: req.db)
        let notice = req.query[String.self, at: "message"].flatMap { Self.messages[$0] }
        let schedule = request.flatMap(RequestLifecycle.schedule)
        var timeline: [TimelineLine] = []
        var refused: [ChecklistView.Item] = []
        if let request, request.status.isRegistered {
            timeline = try await Self.timeline(of: request, on: req.db)
            refused = try await ChecklistView.build(for: request, on: req.db, today: req.today).checklist
                .filter { $0.status == RequestDocument.Status.refusee.rawValue }
        }
        var closed: ClosedRequest?
        if request == nil, let last = try await RequestLookup.lastClosed(of: account, on: req.db) {
            closed = ClosedRequest(last, timeline: try await Self.timeline(of: last, on: req.db), today: req.today)
        }
        let communes = try await CommuneList.load(on: req.db)
        let page = HomePage(
            layout: req.layoutContext(title: "Mon espace"),
            feedback: .init(error: error, notice: error == nil ? notice : nil),
            hasRequest: request != nil, isDraft: request?.status == .brouillon,
            isRegistered: request?.status.isRegistered ?? false, status: request?.status.label ?? "",
            nud: request?.nud, firstFiledOn: request?.firstFiledOn.map(RequestSummary.display),
            anniversary: schedule.map { RequestSummary.display($0.anniversary.iso) },
            radiationDate: schedule.map { RequestSummary.display($0.radiation.iso) },
            canRenew: request.map { RequestLifecycle.canRenew($0, today: req.today) } ?? false, timeline: timeline,
            summary: request.map { RequestSummary($0.form, communes: communes) }, refusedPieces: refused,
            offers: try await offers(of: request, on: req),
            refusalMotifs: RefusalMotif.allCases.map { RefusalChoice(code: $0.code, label: $0.label) },
            answerBase: "/mon-espace/propositions", closed: closed)
        return try await req.view.render("requests/personal-space", page)
    }

    static func timeline(of request: HousingRequest, on db: any Database) async throws -> [TimelineLine] {
        try await RequestEvent.query(on: db).filter(\.$request.$id == (try request.requireID()))
            .sort(\.$occurredAt, .descending).all()
            .map { TimelineLine(date: Self.french($0.occurredAt), label: $0.label, comment: $0.comment) }
    }

    /// The offers made to the household for its live request, the open one first.
    private func offers(of request: HousingRequest?, on req: Request) async throws -> [OfferView] {
        guard let id = request?.id else { return [] }
        let records = try await OfferRecord.query(on: req.db).filter(\.$requestID == id)
            .sort(\.$sentOn, .descending).all()
        return try await OfferView.views(of: records, today: req.today, on: req.db)
    }

    struct AnswerForm: Content {
        let answer: String?
        let motif: String?
        let details: String?
    }

    func answerOffer(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let (offer, vacancy) = try await OfferAnswers.open(
            req.parameters.get("offer").flatMap(UUID.init(uuidString:)), for: account, on: req.db)
        do {
            let form = try req.content.decode(AnswerForm.self)
            guard let answer = form.answer, ["accept", "refuse"].contains(answer) else {
                throw LogisError.validation("Indiquez si vous acceptez ou refusez le logement.", code: .invalidAnswer)
            }
            try await OfferAnswers.answer(
                accept: answer == "accept", motif: form.motif, details: form.details, offer: offer, vacancy: vacancy,
                on: req)
            return req.redirect(to: "/mon-espace?message=proposition-\(answer == "accept" ? "acceptee" : "refusee")")
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderHome(req, feedback: failure.message).encodeResponse(status: failure.status, for: req)
        }
    }

    func attestation(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        // A struck-off request keeps its proof of registration: the NUD and the date it was filed.
        var found = try await RequestLookup.live(of: account, on: req.db)
        if found == nil { found = try await RequestLookup.lastClosed(of: account, on: req.db) }
        guard let request = found else { throw RequestLookup.notFound }
        return try await Attestation.response(for: request, on: req)
    }

    struct ClaimPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let nud: String
    }

    func claimForm(req: Request) async throws -> View {
        let page = ClaimPage(layout: req.layoutContext(title: "Rattacher une demande"), feedback: .none, nud: "")
        return try await req.view.render("requests/claim", page)
    }

    struct ClaimForm: Content {
        let nud: String
        let code: String
    }

    func claim(req: Request) async throws -> Response {
        let form = try req.content.decode(ClaimForm.self)
        do {
            _ = try await RequestClaim.claim(nud: form.nud, code: form.code, by: try req.requireAccount(), on: req)
        } catch let failure as LogisError where failure.isRefusal {
            let page = ClaimPage(
                layout: req.layoutContext(title: "Rattacher une demande"), feedback: .error(failure.message),
                nud: String(form.nud.prefix(30)))
            return try await req.view.render("requests/claim", page).encodeResponse(status: failure.status, for: req)
        }
        return req.redirect(to: "/mon-espace?message=rattachee")
    }

    struct AbandonPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let nud: String?
    }

    func abandonForm(req: Request) async throws -> View {
        let account = try req.requireAccount()
        guard let request = try await RequestLookup.live(of: account, on: req.db) else { throw RequestLookup.notFound }
        let page = AbandonPage(
            layout: req.layoutContext(title: "Abandonner ma demande"), feedback: .none, nud: request.nud)
        return try await req.view.render("requests/abandon", page)
    }

    struct AbandonForm: Content {
        let confirm: String?
        let comment: String?
    }

    func abandon(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard let request = try await RequestLookup.live(of: account, on: req.db) else { throw RequestLookup.notFound }
        let form = try req.content.decode(AbandonForm.self)
        do {
            try Confirmation.require(
                form.confirm,
                "Cochez la case « Je confirme vouloir abandonner ma demande » : l’abandon radie la demande et "
                    + "fait perdre son ancienneté.")
        } catch let failure as LogisError {
            let page = AbandonPage(
                layout: req.layoutContext(title: "Abandonner ma demande"), feedback: .error(failure.message),
                nud: request.nud)
            return try await req.view.render("requests/abandon", page).encodeResponse(status: failure.status, for: req)
        }
        let comment = try form.comment.map { String(try TextInput.validated($0).prefix(500)) }
            .flatMap { $0.isEmpty ? nil : $0 }
        try await RequestLifecycle.radiate(
            request, motif: .abandon, comment: comment, by: account, on: req.db, now: req.now)
        return req.redirect(to: "/mon-espace?message=abandon")
    }

    static func french(_ date: Date) -> String {
        let day = CalendarDate.today(now: date)
        return String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
    }
}
