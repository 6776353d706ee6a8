import Fluent
import LogisCore
import Vapor

/// The commission's pages: its sessions, and a session with its agenda, where members vote for
/// each candidate and the secretariat records votes and decisions; the minutes as a PDF.
struct CaleolPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("caleol")
        pages.get(use: list).access(CaleolAPIController.commission)
        let one = pages.grouped("seances", ":session")
        one.get(use: show).access(CaleolAPIController.commission)
        one.post("votes", use: vote).access(CaleolAPIController.commission)
        one.post("decisions", use: decide).access(CaleolAPIController.secretariat)
        one.get("pv.pdf", use: minutes).access(CaleolAPIController.commission)
    }

    struct ListPage: Encodable {
        let layout: LayoutContext
        let sessions: [CaleolAPIController.SessionSummary]
    }

    func list(req: Request) async throws -> View {
        let sessions = try await CaleolScope.sessions(for: try req.requireAccount(), on: req.db).map {
            CaleolAPIController.SessionSummary(id: try $0.requireID(), heldOn: $0.heldOn, mode: $0.mode.label)
        }
        return try await req.view.render(
            "caleol/index", ListPage(layout: req.layoutContext(title: "Commission d’attribution"), sessions: sessions))
    }

    struct Choice: Encodable {
        let code: String
        let label: String
    }

    struct SessionPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let session: CaleolSessionView
        let heldOnLabel: String
        let choices: [Choice]
        let votingSeats: [CaleolSessionView.Seat]
    }

    static let messages = [
        "inscrit": "Le logement est inscrit à l’ordre du jour de la séance.",
        "vote": "Le vote est enregistré.",
        "decisions":
            "Les décisions sont enregistrées ; la proposition de logement est envoyée au candidat classé premier.",
    ]

    func show(req: Request) async throws -> View {
        let notice = req.query[String.self, at: "message"].flatMap { Self.messages[$0] }
        return try await render(req, feedback: notice.map(FormFeedback.notice) ?? .none)
    }

    private func render(_ req: Request, feedback: FormFeedback) async throws -> View {
        let view = try await CaleolSessionView.build(try await access(req), on: req)
        let choices =
            CaleolDecisionKind.allCases.map { Choice(code: $0.code, label: $0.label) }
            + [Choice(code: "abstention", label: "Abstention")]
        let page = SessionPage(
            layout: req.layoutContext(title: "Séance du \(RequestSummary.display(view.heldOn))"), feedback: feedback,
            session: view, heldOnLabel: RequestSummary.display(view.heldOn), choices: choices,
            votingSeats: view.seats.filter { $0.votes && $0.attendance != CaleolAttendance.absent.rawValue })
        return try await req.view.render("caleol/session", page)
    }

    struct VoteForm: Content {
        let vacancyId: String
        let nud: String
        let memberId: String?
        let code: String
        let rank: String?
        let motif: String?
        let missingPiece: String?
        let deadline: String?
    }

    func vote(req: Request) async throws -> Response {
        let access = try await access(req)
        return try await act(req) {
            let form = try req.content.decode(VoteForm.self)
            func text(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
            let choice = CaleolVoting.Choice(
                code: form.code, rank: text(form.rank).flatMap(Int.init), motif: text(form.motif),
                missingPiece: text(form.missingPiece), deadline: text(form.deadline))
            try await CaleolVoting.vote(
                choice, nud: form.nud, vacancyID: UUID(uuidString: form.vacancyId),
                seat: text(form.memberId).flatMap(UUID.init(uuidString:)), access: access, on: req)
            return "vote"
        }
    }

    struct DecideForm: Content {
        let vacancyId: String
    }

    func decide(req: Request) async throws -> Response {
        let access = try await access(req)
        return try await act(req) {
            let form = try req.content.decode(DecideForm.self)
            _ = try await CaleolDecisions.decide(vacancyID: UUID(uuidString: form.vacancyId), access: access, on: req)
            return "decisions"
        }
    }

    func minutes(req: Request) async throws -> Response {
        try await CaleolAPIController().minutes(req: req)
    }

    private func act(_ req: Request, _ action: () async throws -> String) async throws -> Response {
        do {
            let message = try await action()
            return req.redirect(to: "/caleol/seances/\(req.parameters.get("session") ?? "")?message=\(message)")
        } catch let failure as LogisError where failure.isRefusal {
            return try await render(req, feedback: .error(failure.message)).encodeResponse(
                status: failure.status, for: req)
        }
    }

    private func access(_ req: Request) async throws -> CaleolScope.Access {
        try await CaleolScope.open(
            req.parameters.get("session").flatMap(UUID.init(uuidString:)), for: try req.requireAccount(), on: req.db)
    }
}
