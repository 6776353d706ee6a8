import Fluent
import LogisCore
import SQLKit
import Vapor

/// The cotation of one request: its facts, its score with the grid's breakdown, and the
/// comparison with similar requests (same territory and typology) the applicant is entitled to see.
enum RequestCotation {
    /// The facts the grid scores (`CotationAnswers.facts`); an unknown stored code throws.
    /// - Parameter livesInTerritory: whether the applicant's address is in the request's territory
    ///   (`livesInTerritory(_:on:)`).
    static func facts(of request: HousingRequest, today: CalendarDate, livesInTerritory: Bool) throws -> CotationFacts {
        try CotationAnswers(form: request.form).facts(
            try columns(of: request), today: today, livesInTerritory: livesInTerritory)
    }

    static func columns(of request: HousingRequest) throws -> CotationAnswers.Columns {
        .init(
            firstFiledOn: request.firstFiledOn, priorities: try request.priorityCriteria(),
            validatedCriteria: request.validatedCriterionCodes, offerRefusals: request.offerRefusals)
    }

    static func grid(
        for request: HousingRequest, on db: any Database, app: Application
    ) async throws
        -> CompiledCotationGrid?
    {
        await grid(named: try await request.$territory.get(on: db)?.cotationGrid, on: db, app: app)
    }

    /// A territory's grid in force today, by the name its `cotation_grid` column holds.
    static func grid(named name: String?, on db: any Database, app: Application) async -> CompiledCotationGrid? {
        await app.cotationGridStore.refreshIfStale(on: db, logger: app.logger)
        return app.cotationGrids[name ?? ""]
    }

    /// « Réside sur le territoire » (`CotationAnswers.lives(in:)`).
    static func lives(in communes: [Commune], form: RequestForm) -> Bool {
        CotationAnswers(form: form).lives(in: TerritoryCommuneNames(communes.map { ($0.postalCode, $0.name) }))
    }

    static func livesInTerritory(_ request: HousingRequest, on db: any Database) async throws -> Bool {
        guard let territoryID = request.$territory.id else { return false }
        let communes = try await Commune.query(on: db).filter(\.$territory.$id == territoryID).all()
        return lives(in: communes, form: request.form)
    }

    /// Recomputes and stores the score (on registration, on every change, and nightly).
    static func refresh(_ request: HousingRequest, on db: any Database, app: Application) async throws {
        guard request.status != .brouillon, let grid = try await grid(for: request, on: db, app: app) else { return }
        let resident = try await livesInTerritory(request, on: db)
        let facts = try Self.facts(of: request, today: app.clock.today, livesInTerritory: resident)
        request.score = grid.total(facts)
        request.gridVersion = grid.grid.version
        request.gridHash = CotationGridFingerprint.of(grid.grid)
        request.primaryTypology = request.form.wishes?.typologies.sorted().first
        try await request.save(on: db)
        try await storePendingCriteria(grid.pendingValidationCount(facts), of: try request.requireID(), on: db)
    }

    /// The nightly recompute of one request for `day` (the run's day, not the machine's), when its
    /// page could not be handled whole: the grid in force that day, written through the same
    /// `CotationScores.store` as a page. True when the score or grid changed.
    @discardableResult
    static func recompute(
        _ request: HousingRequest, on day: CalendarDate, app: Application, db: any Database
    ) async throws -> Bool {
        await app.cotationGridStore.refreshIfStale(on: db, logger: app.logger)
        guard request.status != .brouillon, let sql = db as? any SQLDatabase,
            let territory = try await request.$territory.get(on: db),
            let grid = app.cotationGridVersions.inForce(territory.cotationGrid ?? "", on: day)
        else { return false }
        let facts = try Self.facts(
            of: request, today: day, livesInTerritory: try await livesInTerritory(request, on: db))
        let change = CotationScores.Change(
            id: try request.requireID(), score: grid.total(facts), gridVersion: grid.grid.version,
            gridHash: CotationGridFingerprint.cached(grid.grid), pendingCriteria: grid.pendingValidationCount(facts))
        let changed =
            request.score != change.score || request.gridVersion != change.gridVersion
            || request.gridHash != change.gridHash
        // The model does not hold `pending_criteria` (M0027), so the row is written each time:
        // this is the path of a page that failed, one request at a time, not the nightly one.
        try await CotationScores.store([change], before: request.score.map { [change.id: $0] } ?? [:], on: sql)
        request.score = change.score
        request.gridVersion = change.gridVersion
        request.gridHash = change.gridHash
        return changed
    }

    /// M0027's column is written by SQL, not through the model: the migrations before it load the
    /// model, and a field it declared would not exist yet when they run.
    static func storePendingCriteria(_ count: Int, of requestID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(HousingRequest.schema).set("pending_criteria", to: count)
            .where("id", .equal, requestID).run()
    }
}
