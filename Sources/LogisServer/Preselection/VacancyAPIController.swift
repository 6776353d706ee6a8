import Fluent
import LogisCore
import Vapor

/// Vacancies and their pre-selection on the JSON API (DOMAIN.md §8): the bailleur declares, the
/// holder of the contingent sees the ranked candidates with their reasons and keeps three.
struct VacancyAPIController: RouteCollection {
    static let viewers = AccessPolicy.only(.bailleur, .reservataire)

    func boot(routes: any RoutesBuilder) throws {
        let vacancies = routes.grouped("api", "v1", "vacancies")
        vacancies.get(use: list).access(Self.viewers)
        vacancies.post(use: declare).access(StockAPIController.bailleurs)
        let one = vacancies.grouped(":vacancy")
        one.get("candidates", use: candidates).access(Self.viewers)
        one.get("candidates", ":nud", "explanation", use: explanation).access(Self.viewers)
        one.post("selection", use: select).access(Self.viewers)
    }

    struct VacancyDTO: Content {
        let id: UUID
        let dwellingId: UUID
        let dwelling: String
        let typology: String
        let financing: String
        let commune: String
        let communeCode: String
        let monthlyRent: Int
        let reservataire: String
        let availableOn: String
        let status: String
        let statusLabel: String
        let selected: Bool

        init(_ vacancy: Vacancy) throws {
            id = try vacancy.requireID()
            dwellingId = vacancy.$dwelling.id
            dwelling = vacancy.dwelling.reference
            typology = vacancy.dwelling.typology
            financing = vacancy.dwelling.financing
            commune = vacancy.dwelling.residence.commune.name
            communeCode = vacancy.communeCode
            monthlyRent = vacancy.dwelling.rent + vacancy.dwelling.charges
            reservataire = vacancy.dwelling.reservataire
            availableOn = vacancy.availableOn
            status = vacancy.status.rawValue
            statusLabel = vacancy.status.label
            selected = vacancy.selectedAt != nil
        }
    }

    func list(req: Request) async throws -> [VacancyDTO] {
        try await VacancyList.visible(to: try req.requireAccount(), on: req.db).map(VacancyDTO.init)
    }

    struct DeclareBody: Content {
        let dwellingId: UUID
        let availableOn: String
    }

    func declare(req: Request) async throws -> Response {
        let body = try req.content.decode(DeclareBody.self)
        let vacancy = try await VacancyActions.declare(
            dwellingID: body.dwellingId, availableOn: body.availableOn, on: req)
        let loaded = try await VacancyScope.visibleVacancy(vacancy.id, agent: try req.requireAccount(), on: req.db)
        return try await VacancyDTO(loaded).encodeResponse(status: .created, for: req)
    }

    struct KeptCandidateDTO: Content {
        let position: Int
        let nud: String
        let score: Int
        let origin: String
        let justification: String?
        let explanation: CandidateExplanation?
    }

    struct CandidatesDTO: Content {
        let vacancy: VacancyDTO
        /// The candidates kept for the commission, with their reasons as they stood then.
        let selection: [KeptCandidateDTO]
        /// The current ranking's first requests, each explained.
        let candidates: [CandidateExplanation]
    }

    func candidates(req: Request) async throws -> CandidatesDTO {
        let vacancy = try await vacancy(req)
        let count = min(max(1, req.query[Int.self, at: "count"] ?? Preselection.defaultCount), 20)
        return CandidatesDTO(
            vacancy: try VacancyDTO(vacancy), selection: try await VacancyList.kept(vacancy, on: req),
            candidates: try await VacancyActions.ranking(of: vacancy, count: count, on: req))
    }

    func explanation(req: Request) async throws -> CandidateExplanation {
        let vacancy = try await vacancy(req)
        return try await VacancyActions.explanation(of: req.parameters.get("nud") ?? "", for: vacancy, on: req)
    }

    struct SelectionBody: Content {
        let candidates: [String]
        let justification: String?
    }

    func select(req: Request) async throws -> Response {
        let vacancy = try await vacancy(req)
        let body = try req.content.decode(SelectionBody.self)
        _ = try await VacancySelection.select(body.candidates, justification: body.justification, for: vacancy, on: req)
        return try await VacancyList.kept(vacancy, on: req).encodeResponse(status: .created, for: req)
    }

    private func vacancy(_ req: Request) async throws -> Vacancy {
        try await VacancyScope.visibleVacancy(
            req.parameters.get("vacancy").flatMap(UUID.init(uuidString:)), agent: try req.requireAccount(), on: req.db)
    }
}

/// The vacancies an agent sees and the candidates kept for one, for the pages and the API.
enum VacancyList {
    static func visible(to agent: Account, on db: any Database) async throws -> [Vacancy] {
        let organisation = try await VacancyScope.organisation(of: agent, on: db)
        let query = Vacancy.queryWithDwelling(on: db)
            .sort(\.$availableOn).limit(500)
        if organisation.kind == Organisation.Kind.reservataire.rawValue {
            query.join(StockDwelling.self, on: \Vacancy.$dwelling.$id == \StockDwelling.$id)
                .filter(\.$territory.$id == organisation.$territory.id)
                .filter(StockDwelling.self, \.$reservataire == (organisation.reservataireCode ?? "-"))
        } else {
            query.filter(\.$organisation.$id == (try organisation.requireID()))
        }
        return try await query.all()
    }

    /// The kept candidates with their frozen reasons; each file shown is audited.
    static func kept(_ vacancy: Vacancy, on req: Request) async throws -> [VacancyAPIController.KeptCandidateDTO] {
        let rows = try await VacancyCandidate.query(on: req.db).filter(\.$vacancy.$id == (try vacancy.requireID()))
            .sort(\.$position).all()
        try await req.auditListed(rows.map(\.requestID), reason: .preselection)
        return rows.map { row in
            VacancyAPIController.KeptCandidateDTO(
                position: row.position, nud: row.nud, score: row.score, origin: row.origin.rawValue,
                justification: row.justification,
                explanation: try? JSONDecoder().decode(CandidateExplanation.self, from: Data(row.explanation.utf8)))
        }
    }
}
