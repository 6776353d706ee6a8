import Fluent
import LogisCore
import Vapor

/// The bailleur's actions on a vacancy after its candidates are kept: put it on a session's
/// agenda, answer an offer for the applicant, record silence past the deadline, the lease.
struct OfferPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let vacancy = routes.grouped("attributions", "vacances", ":vacancy")
        vacancy.post("seance", use: schedule).access(StockAPIController.bailleurs)
        let offer = vacancy.grouped("propositions", ":offer")
        offer.post("reponse", use: answer).access(StockAPIController.bailleurs)
        offer.post("sans-reponse", use: lapse).access(StockAPIController.bailleurs)
        offer.post("bail", use: lease).access(StockAPIController.bailleurs)
        offer.post("piece-recue", use: pieceReceived).access(StockAPIController.bailleurs)
    }

    struct ScheduleForm: Content {
        let heldOn: String
        let mode: String?
    }

    func schedule(req: Request) async throws -> Response {
        let id = req.parameters.get("vacancy").flatMap(UUID.init(uuidString:))
        return try await act(req) {
            let form = try req.content.decode(ScheduleForm.self)
            let session = try await CaleolSessions.create(
                heldOn: form.heldOn, mode: form.mode ?? CaleolSession.Mode.inPerson.rawValue,
                vacancyIDs: id.map { [$0] } ?? [],
                absentSeats: [], on: req)
            return "/caleol/seances/\(try session.requireID())?message=inscrit"
        }
    }

    struct AnswerForm: Content {
        let answer: String?
        let motif: String?
        let details: String?
    }

    func answer(req: Request) async throws -> Response {
        try await act(req) {
            let (offer, vacancy) = try await open(req)
            let form = try req.content.decode(AnswerForm.self)
            guard let answer = form.answer, ["accept", "refuse"].contains(answer) else {
                throw LogisError.validation("Indiquez la réponse du candidat.", code: .invalidAnswer)
            }
            try await OfferAnswers.answer(
                accept: answer == "accept", motif: form.motif, details: form.details, offer: offer, vacancy: vacancy,
                on: req)
            return "/attributions/vacances/\(offer.vacancyID)?message=reponse"
        }
    }

    func lapse(req: Request) async throws -> Response {
        try await act(req) {
            let (offer, vacancy) = try await open(req)
            try await OfferAnswers.lapse(offer: offer, vacancy: vacancy, on: req)
            return "/attributions/vacances/\(offer.vacancyID)?message=sans-reponse"
        }
    }

    struct LeaseForm: Content {
        let signedOn: String
    }

    func lease(req: Request) async throws -> Response {
        try await act(req) {
            let (offer, vacancy) = try await open(req)
            let form = try req.content.decode(LeaseForm.self)
            try await OfferAnswers.signLease(on: form.signedOn, offer: offer, vacancy: vacancy, on: req)
            return "/attributions/vacances/\(offer.vacancyID)?message=bail"
        }
    }

    func pieceReceived(req: Request) async throws -> Response {
        try await act(req) {
            let (offer, _) = try await open(req)
            try await SuspensiveConditions.recordPiece(offer: offer, on: req)
            return "/attributions/vacances/\(offer.vacancyID)?message=piece-recue"
        }
    }

    /// Runs an action and goes where it says; a refusal shows the vacancy page with its message.
    private func act(_ req: Request, _ action: () async throws -> String) async throws -> Response {
        do {
            return req.redirect(to: try await action())
        } catch let failure as LogisError where failure.isRefusal {
            return try await VacancyPagesController().renderVacancy(req, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
    }

    private func open(_ req: Request) async throws -> (OfferRecord, Vacancy) {
        let (offer, vacancy) = try await OfferAnswers.open(
            req.parameters.get("offer").flatMap(UUID.init(uuidString:)), for: try req.requireAccount(), on: req.db)
        guard offer.vacancyID.uuidString == req.parameters.get("vacancy")?.uppercased() else {
            throw OfferActions.offerNotFound
        }
        return (offer, vacancy)
    }
}
