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
        let territory = try await request.$territory.get(on: db)
        await app.cotationGridStore.refreshIfStale(on: db, logger: app.logger)
        return app.cotationGrids[territory?.cotationGrid ?? ""]
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

    /// The nightly recompute for `day` (the run's day, not the machine's): the grid in force that
    /// day; the request is saved only if its score or grid changed, and the pending-criteria count
    /// written only if it differs. True when the score or grid changed.
    @discardableResult
    static func recompute(
        _ request: HousingRequest, on day: CalendarDate, app: Application, db: any Database,
        livesInTerritory known: Bool? = nil
    ) async throws -> Bool {
        await app.cotationGridStore.refreshIfStale(on: db, logger: app.logger)
        guard request.status != .brouillon, let territory = try await request.$territory.get(on: db),
            let grid = app.cotationGridVersions.inForce(territory.cotationGrid ?? "", on: day)
        else { return false }
        let resident: Bool
        if let known { resident = known } else { resident = try await livesInTerritory(request, on: db) }
        let facts = try Self.facts(of: request, today: day, livesInTerritory: resident)
        let score = grid.total(facts)
        let hash = CotationGridFingerprint.cached(grid.grid)
        let changed = request.score != score || request.gridVersion != grid.grid.version || request.gridHash != hash
        if changed {
            request.score = score
            request.gridVersion = grid.grid.version
            request.gridHash = hash
            try await storeScore(of: request, on: db)
        }
        if let sql = db as? any SQLDatabase {
            let pending = grid.pendingValidationCount(facts)
            try await sql.raw(
                """
                UPDATE housing_requests SET pending_criteria = \(bind: pending) WHERE id = \(bind: try request.requireID()) \
                AND (pending_criteria IS NULL OR pending_criteria <> \(bind: pending))
                """
            ).run()
        }
        return changed
    }

    /// A new score touches three columns of the request and the score of its ranking rows, nothing
    /// else: written as such, not through the model, whose save rewrites every ranking row and name
    /// word of the request (the nightly recompute ran at 82 requests a second at national scale
    /// that way, docs/PERFORMANCE.md).
    static func storeScore(of request: HousingRequest, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return try await request.save(on: db) }
        let id = try request.requireID()
        try await sql.update(HousingRequest.schema)
            .set("score", to: SQLBind(request.score)).set("grid_version", to: SQLBind(request.gridVersion))
            .set("grid_hash", to: SQLBind(request.gridHash))
            .where("id", .equal, id).run()
        try await sql.update(RankingTable.name).set("score", to: SQLBind(request.score ?? 0))
            .where("request_id", .equal, id).run()
    }

    /// M0027's column is written by SQL, not through the model: the migrations before it load the
    /// model, and a field it declared would not exist yet when they run.
    static func storePendingCriteria(_ count: Int, of requestID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(HousingRequest.schema).set("pending_criteria", to: count)
            .where("id", .equal, requestID).run()
    }
}
