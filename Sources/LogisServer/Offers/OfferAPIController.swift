import Fluent
import LogisCore
import Vapor

/// Offers on the JSON API: the applicant sees and answers their own; the bailleur answers for
/// them, records silence past the deadline and the signed lease.
struct OfferAPIController: RouteCollection {
    static let parties = AccessPolicy.only(.demandeur, .bailleur)

    func boot(routes: any RoutesBuilder) throws {
        let offers = routes.grouped("api", "v1", "offers")
        offers.get(use: list).access(Self.parties)
        let one = offers.grouped(":offer")
        one.post("answer", use: answer).access(Self.parties)
        one.post("lapse", use: lapse).access(.only(.bailleur))
        one.post("lease", use: lease).access(.only(.bailleur))
        one.post("piece-received", use: pieceReceived).access(.only(.bailleur))
    }

    func list(req: Request) async throws -> [OfferView] {
        let account = try req.requireAccount()
        let records: [OfferRecord]
        if account.role == .demandeur {
            let requests = try await HousingRequest.query(on: req.db).filter(
                \.$account.$id == (try account.requireID())
            )
            .all().compactMap(\.id)
            records = try await OfferRecord.query(on: req.db).filter(\.$requestID ~~ requests).sort(
                \.$sentOn, .descending
            )
            .limit(50).all()
        } else {
            let organisation = try await VacancyScope.organisation(of: account, on: req.db)
            let vacancies = try await Vacancy.query(on: req.db).filter(
                \.$organisation.$id == (try organisation.requireID())
            )
            .filter(\.$status ~~ [.attributed, .leased, .noTaker]).all().compactMap(\.id)
            records = try await OfferRecord.query(on: req.db).filter(\.$vacancyID ~~ vacancies)
                .sort(\.$sentOn, .descending).limit(200).all()
        }
        let views = try await OfferView.views(of: records, today: req.today, on: req.db)
        if account.role != .demandeur { try await req.auditListed(records.map(\.requestID), reason: .offers) }
        return views
    }

    struct AnswerBody: Content {
        /// `accept` or `refuse`.
        let answer: String
        /// A refusal motif code (`RefusalMotif`); `autre` needs `details`.
        let motif: String?
        let details: String?
    }

    func answer(req: Request) async throws -> OfferView {
        let (offer, vacancy) = try await open(req)
        let body = try req.content.decode(AnswerBody.self)
        guard ["accept", "refuse"].contains(body.answer) else {
            throw LogisError.validation("La réponse est « accept » ou « refuse ».", code: .invalidAnswer)
        }
        try await OfferAnswers.answer(
            accept: body.answer == "accept", motif: body.motif, details: body.details, offer: offer, vacancy: vacancy,
            on: req)
        return try await OfferView.one(offer, vacancy: vacancy, today: req.today, on: req.db)
    }

    func lapse(req: Request) async throws -> OfferView {
        let (offer, vacancy) = try await open(req)
        try await OfferAnswers.lapse(offer: offer, vacancy: vacancy, on: req)
        return try await OfferView.one(offer, vacancy: vacancy, today: req.today, on: req.db)
    }

    struct LeaseBody: Content {
        let signedOn: String
    }

    func lease(req: Request) async throws -> OfferView {
        let (offer, vacancy) = try await open(req)
        let body = try req.content.decode(LeaseBody.self)
        try await OfferAnswers.signLease(on: body.signedOn, offer: offer, vacancy: vacancy, on: req)
        return try await OfferView.one(offer, vacancy: vacancy, today: req.today, on: req.db)
    }

    /// The piece of a conditional attribution reached the bailleur by the deadline.
    func pieceReceived(req: Request) async throws -> OfferView {
        let (offer, vacancy) = try await open(req)
        try await SuspensiveConditions.recordPiece(offer: offer, on: req)
        return try await OfferView.one(offer, vacancy: vacancy, today: req.today, on: req.db)
    }

    private func open(_ req: Request) async throws -> (OfferRecord, Vacancy) {
        try await OfferAnswers.open(
            req.parameters.get("offer").flatMap(UUID.init(uuidString:)), for: try req.requireAccount(), on: req.db)
    }
}
