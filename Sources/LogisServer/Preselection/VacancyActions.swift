import Fluent
import LogisCore
import Vapor

/// A vacancy's life before the commission, shared by the pages and the API: declare it, rank
/// and explain its candidates, keep three of them (DOMAIN.md §8, seed 003).
enum VacancyActions {
    static let alreadyOpen = LogisError(
        .conflict, code: .vacancyAlreadyOpen, message: "Une vacance est déjà déclarée pour ce logement.")
    static let invalidDate = LogisError(
        .unprocessableEntity, code: .invalidAvailableOn,
        message: "Indiquez la date de disponibilité au format AAAA-MM-JJ, dans l’année qui vient.")
    static let alreadySelected = LogisError(
        .conflict, code: .vacancyAlreadySelected,
        message: "Les candidats de ce logement sont déjà retenus : la sélection ne peut plus être modifiée.")

    /// A bailleur declares a dwelling free from a date (up to a year ahead, or already free).
    static func declare(
        dwellingID: UUID?, availableOn text: String, on req: Request
    ) async throws -> Vacancy {
        let agent = try req.requireAccount()
        let dwelling = try await VacancyScope.ownDwelling(dwellingID, agent: agent, on: req.db)
        guard let date = try? CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)),
            date.days(since: req.today) <= 366, date.days(since: req.today) >= -366
        else { throw invalidDate }
        let dwellingID = try dwelling.requireID()
        let open = try await Vacancy.query(on: req.db).filter(\.$dwelling.$id == dwellingID)
            .filter(\.$status ~~ [.open, .atCommission, .attributed]).count()
        guard open == 0 else { throw alreadyOpen }
        let commune = try await dwelling.residence.$commune.get(on: req.db)
        guard let code = commune.inseeCode else { throw VacancyScope.dwellingNotFound }
        let vacancy = Vacancy()
        vacancy.$dwelling.id = dwellingID
        vacancy.$organisation.id = dwelling.$organisation.id
        vacancy.$territory.id = dwelling.residence.$territory.id
        vacancy.communeCode = code
        vacancy.availableOn = date.iso
        vacancy.status = .open
        vacancy.declaredBy = try agent.requireID()
        vacancy.declaredAt = req.now
        try await req.db.transaction { db in
            try await vacancy.create(on: db)
            dwelling.occupancy = .vacant
            try await dwelling.save(on: db)
        }
        return vacancy
    }

    /// The dwelling as the pre-selection reads it.
    static func coreDwelling(of vacancy: Vacancy) throws -> Dwelling {
        try vacancy.dwelling.coreDwelling(communeCode: vacancy.communeCode)
    }

    /// The first `count` requests passing every filter, each explained; every file shown is audited.
    /// The ranking table gives the ids; their facts are read as plain rows in one query, and each
    /// territory's communes and grid once per call, not once per candidate.
    static func ranking(of vacancy: Vacancy, count: Int, on req: Request) async throws -> [CandidateExplanation] {
        let dwelling = try coreDwelling(of: vacancy)
        let rows = try await PreselectionQuery.top(count, for: dwelling, dwellingID: vacancy.$dwelling.id, on: req.db)
        let requests = try await CandidateRequestRow.find(rows.map(\.requestID), on: req.db)
        var territories = ExplanationTerritory.Cache()
        var explained: [CandidateExplanation] = []
        for (index, row) in rows.enumerated() {
            guard let request = requests[row.requestID]?.request else { continue }
            let territory = try await territories.get(for: request, on: req)
            explained.append(
                try explain(
                    request, dwelling: dwelling, vacancy: vacancy, rank: index + 1, territory: territory, on: req))
        }
        try await req.auditListed(rows.map { $0.requestID }, reason: .preselection)
        return explained
    }

    /// Why the request with this NUD is, or is not, proposed for the vacancy.
    static func explanation(
        of nud: String, for vacancy: Vacancy, on req: Request
    ) async throws
        -> CandidateExplanation
    {
        let normalised = nud.uppercased().filter { !$0.isWhitespace }
        guard
            let request = try await HousingRequest.query(on: req.db).filter(\.$nud == normalised)
                .filter(\.$territory.$id == vacancy.$territory.id).first()
        else {
            throw LogisError(
                .notFound, code: .requestNotFound,
                message: "Aucune demande de ce territoire ne porte ce numéro unique.")
        }
        try await req.audit(.requestRead, target: .request(try request.requireID()), reason: .preselection)
        let dwelling = try coreDwelling(of: vacancy)
        var territories = ExplanationTerritory.Cache()
        let territory = try await territories.get(for: request, on: req)
        let facts = try req.application.rankingContext.facts(of: request, in: territory.facts)
        let refused = try await refusedBefore(try request.requireID(), dwellingID: vacancy.$dwelling.id, on: req.db)
        var rank: Int?
        if RankingTable.rankedStatuses.contains(request.status), !refused,
            Preselection.firstFailedRule(facts.candidate, dwelling) == nil
        {
            rank =
                try await PreselectionQuery.countAhead(
                    of: facts.candidate.position, for: dwelling, dwellingID: vacancy.$dwelling.id, on: req.db) + 1
        }
        return try explain(
            request, dwelling: dwelling, vacancy: vacancy, rank: rank, territory: territory, facts: facts,
            refused: refused, on: req)
    }

    /// Whether the request refused this dwelling, or let its offer lapse, in an earlier round.
    static func refusedBefore(_ requestID: UUID, dwellingID: UUID, on db: any Database) async throws -> Bool {
        let rounds = try await Vacancy.query(on: db).filter(\.$dwelling.$id == dwellingID).all().compactMap(\.id)
        guard !rounds.isEmpty else { return false }
        return try await OfferRecord.query(on: db).filter(\.$requestID == requestID).filter(\.$vacancyID ~~ rounds)
            .filter(\.$state ~~ ["refused", "lapsed"]).count() > 0
    }

    private static func explain(
        _ request: HousingRequest, dwelling: Dwelling, vacancy: Vacancy, rank: Int?, territory: ExplanationTerritory,
        facts known: RequestRankingFacts? = nil, refused: Bool = false, on req: Request
    ) throws -> CandidateExplanation {
        let facts = try known ?? req.application.rankingContext.facts(of: request, in: territory.facts)
        let score = territory.grid?.score(
            try RequestCotation.facts(
                of: request, today: req.today,
                livesInTerritory: CotationAnswers(form: request.form).lives(in: territory.communes)))
        return CandidateExplanation(
            facts: facts, request: request, dwelling: dwelling, rank: rank, proposedCount: Preselection.defaultCount,
            score: score, communeName: vacancy.dwelling.residence.commune.name, refusedBefore: refused)
    }
}
