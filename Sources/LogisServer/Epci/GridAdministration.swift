import Fluent
import Foundation
import LogisCore
import SQLKit
import Vapor

/// The EPCI administrator's work on its territory's cotation grid (issue 16 §1), one
/// implementation for the pages and the API: the versions, a draft started from the version in
/// force, its edition or deletion, its publication from a date. A published version never changes.
struct GridAdministration {
    static let administrators = AccessPolicy.only(.epci)

    let territory: Territory
    let gridID: String

    /// The signed-in EPCI administrator's territory; `slug`, when given (the API), must be it.
    static func of(_ req: Request, slug: String? = nil) async throws -> GridAdministration {
        let account = try req.requireAccount()
        guard account.role == .epci, let territory = try await account.$territory.get(on: req.db) else {
            throw LogisError.forbidden
        }
        if let slug, slug != territory.slug {
            let exists = try await Territory.query(on: req.db).filter(\.$slug == slug).count() > 0
            guard exists else { throw Self.territoryNotFound }
            throw LogisError(
                .forbidden, code: .forbidden, message: "Vous ne pouvez modifier que la grille de votre territoire.")
        }
        guard let gridID = territory.cotationGrid else {
            throw LogisError(
                .conflict, code: .noCotationGrid, message: "Votre territoire n’a pas encore de grille de cotation.")
        }
        await req.application.cotationGridStore.refreshIfStale(on: req.db, logger: req.logger)
        return GridAdministration(territory: territory, gridID: gridID)
    }

    static let territoryNotFound = LogisError(
        .notFound, code: .territoryNotFound, message: "Ce territoire n’est pas desservi par Logis.")
    static let versionNotFound = LogisError(
        .notFound, code: .gridVersionNotFound, message: "Cette version de la grille n’existe pas.")
    static let published = LogisError(
        .conflict, code: .gridVersionPublished,
        message: "Cette version est publiée : elle ne change plus. Créez une nouvelle version pour la modifier.")

    // MARK: Reading

    func inForce(on day: CalendarDate, _ app: Application) -> CotationGrid? {
        try? app.cotationGridVersions.catalog.grid(id: gridID, effectiveOn: day)
    }

    func drafts(on db: any Database) async throws -> [CotationGridRecord] {
        try await CotationGridRecord.query(on: db).filter(\.$gridID == gridID).filter(\.$status == .draft)
            .sort(\.$version).all()
    }

    func record(_ version: Int?, on db: any Database) async throws -> CotationGridRecord {
        guard let version,
            let record = try await CotationGridRecord.query(on: db).filter(\.$gridID == gridID)
                .filter(\.$version == version).first()
        else { throw Self.versionNotFound }
        return record
    }

    /// Every version: the catalog's (bundled and published) with their state on `day`, then the drafts.
    func versions(on day: CalendarDate, req: Request) async throws -> [GridVersionSummary] {
        let catalog = req.application.cotationGridVersions.catalog
        let inForce = inForce(on: day, req.application)?.version
        let records = try await CotationGridRecord.query(on: req.db).filter(\.$gridID == gridID).all()
        let byVersion = Dictionary(records.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var rows = catalog.grids.filter { $0.id == gridID }.map {
            GridVersionSummary($0, state: Self.state(of: $0, inForce: inForce, on: day), record: byVersion[$0.version])
        }
        rows += try records.filter { $0.status == .draft }.map {
            GridVersionSummary(try $0.grid(), state: .draft, record: $0)
        }
        return rows.sorted { $0.version > $1.version }
    }

    /// A version above the one in force whose date has not come is planned; any other is replaced.
    static func state(of grid: CotationGrid, inForce: Int?, on day: CalendarDate) -> GridVersionSummary.State {
        if grid.version == inForce { return .inForce }
        if grid.version > (inForce ?? 0), let from = grid.effectiveFrom, from > day { return .planned }
        return .replaced
    }

    // MARK: Changing

    /// A new draft, numbered after every version known (bundled, published or draft), starting
    /// from `content` or else from the version in force (or the latest one).
    func createDraft(
        from content: CotationGrid?, author: Account, req: Request
    ) async throws -> CotationGridRecord {
        let catalog = req.application.cotationGridVersions.catalog
        guard let base = content ?? inForce(on: req.today, req.application) ?? (try? catalog.grid(id: gridID)) else {
            throw LogisError(
                .conflict, code: .noCotationGrid, message: "Aucune version de la grille ne sert de point de départ.")
        }
        // Two drafts started at once would take the same number: the unique (grid_id, version)
        // refuses the second, which takes the next one.
        for attempt in 1...3 {
            let stored =
                try await CotationGridRecord.query(on: req.db).filter(\.$gridID == gridID).max(\.$version) ?? 0
            let known = catalog.grids.filter { $0.id == gridID }.map(\.version).max() ?? 0
            let grid = try Self.checked(base.renumbered(id: gridID, version: max(stored, known) + 1))
            let record = try CotationGridRecord(
                territoryID: try territory.requireID(), grid: grid, authorID: author.id, at: req.now)
            do {
                try await record.create(on: req.db)
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 3 {
                continue
            }
            try await req.audit(.gridDraftSaved, target: Self.target(record))
            return record
        }
        throw LogisError.badRequest
    }

    /// The writes below hold only while the row is still a draft, checked by the database itself:
    /// of a save and a publication racing, the publication's content is the one that stays.
    func updateDraft(_ record: CotationGridRecord, with grid: CotationGrid, req: Request) async throws {
        guard record.status == .draft else { throw Self.published }
        let content = try CotationGridRecord.encode(
            try Self.checked(grid.renumbered(id: record.gridID, version: record.version)))
        let now = CotationGridRecord.timestamp(req.now)
        let saved = try await ConditionalWrite.update(
            """
            UPDATE cotation_grid_versions SET content = \(bind: content), updated_at = \(bind: now), \
            author_id = \(bind: try req.requireAccount().id) WHERE id = \(bind: try record.requireID()) AND status = 'draft'
            """, on: req.db)
        guard saved else { throw Self.published }
        record.content = content
        record.updatedAt = now
        try await req.audit(.gridDraftSaved, target: Self.target(record))
    }

    func deleteDraft(_ record: CotationGridRecord, req: Request) async throws {
        guard record.status == .draft else { throw Self.published }
        let deleted = try await ConditionalWrite.update(
            "DELETE FROM cotation_grid_versions WHERE id = \(bind: try record.requireID()) AND status = 'draft'",
            on: req.db)
        guard deleted else { throw Self.published }
        try await req.audit(.gridDraftDeleted, target: Self.target(record))
    }

    /// Publishes a draft from `day` (today or later, and not before a version already published,
    /// whose place it would otherwise take back): the nightly recompute scores with it from that day.
    func publish(_ record: CotationGridRecord, from day: CalendarDate, req: Request) async throws {
        guard record.status == .draft else { throw Self.published }
        guard day >= req.today else {
            throw LogisError(
                .unprocessableEntity, code: .invalidDate,
                message: "La date d’entrée en vigueur ne peut pas être passée : aujourd’hui ou plus tard.",
                fields: ["effectiveFrom": "Choisissez aujourd’hui ou une date à venir."])
        }
        let catalog = req.application.cotationGridVersions.catalog
        if let latest = catalog.grids.last(where: { $0.id == gridID }) {
            guard latest.version < record.version else {
                throw LogisError(
                    .conflict, code: .gridVersionSuperseded,
                    message:
                        "La version \(latest.version), plus récente, est déjà publiée : créez une nouvelle version.")
            }
            if let from = latest.effectiveFrom, day < from {
                throw LogisError(
                    .unprocessableEntity, code: .invalidDate,
                    message:
                        "La version \(latest.version) entre en vigueur le \(from.french) : choisissez cette date ou une date suivante.",
                    fields: ["effectiveFrom": "Au plus tôt le \(from.french)."])
            }
        }
        let grid = try record.grid().renumbered(id: record.gridID, version: record.version, effectiveFrom: day)
        let content = try CotationGridRecord.encode(grid)
        let now = CotationGridRecord.timestamp(req.now)
        // Published once, and never below a version another administrator has just published.
        let published = try await ConditionalWrite.update(
            """
            UPDATE cotation_grid_versions SET content = \(bind: content), status = 'published', \
            effective_from = \(bind: day.iso), published_at = \(bind: now) \
            WHERE id = \(bind: try record.requireID()) AND status = 'draft' AND NOT EXISTS (SELECT 1 FROM \
            cotation_grid_versions AS later WHERE later.grid_id = \(bind: gridID) AND later.status = 'published' \
            AND later.version > \(bind: record.version))
            """, on: req.db)
        guard published else {
            let current = try await CotationGridRecord.find(try record.requireID(), on: req.db)
            if current?.status == .draft {
                throw LogisError(
                    .conflict, code: .gridVersionSuperseded,
                    message: "Une version plus récente vient d’être publiée : créez une nouvelle version.")
            }
            throw Self.published
        }
        record.content = content
        record.status = .published
        record.effectiveFrom = day.iso
        record.publishedAt = now
        try await req.audit(.gridPublished, target: Self.target(record))
        try await req.application.cotationGridStore.reload(on: req.db)
    }

    static func target(_ record: CotationGridRecord) -> AuditTarget {
        .init(type: "cotation_grid", id: "\(record.gridID)#\(record.version)")
    }

    /// The core's checks, plus bounds that keep every sum far from overflow.
    static func checked(_ grid: CotationGrid) throws -> CotationGrid {
        do {
            try grid.validate()
        } catch {
            throw LogisError(.unprocessableEntity, coreCode: error.code, message: error.message)
        }
        var numbers: [Int] = grid.criteria.flatMap { [$0.points, $0.cap ?? 0] }
        if let seniority = grid.seniority { numbers += [seniority.pointsPerMonth, seniority.cap ?? 0] }
        if let refusals = grid.refusals {
            numbers += [refusals.freeRefusals, refusals.penaltyPerRefusal, refusals.maxPenalty ?? 0]
        }
        guard numbers.allSatisfy({ abs($0) <= GridForm.limit }) else {
            throw LogisError(
                .unprocessableEntity, coreCode: "invalid_grid",
                message: "Grille de cotation invalide : chaque nombre est compris entre -10 000 et 10 000.")
        }
        return grid
    }
}

extension CotationGrid {
    /// The same content under another id, version or date.
    func renumbered(id: String, version: Int, effectiveFrom: CalendarDate? = nil) -> CotationGrid {
        CotationGrid(
            id: id, version: version, label: label, territory: territory, effectiveFrom: effectiveFrom,
            source: source, criteria: criteria, seniority: seniority, refusals: refusals)
    }
}

/// One line of the list of versions, for the page and the API.
struct GridVersionSummary: Content {
    enum State: String, Codable {
        case inForce = "in_force"
        case planned
        case replaced
        case draft
    }

    let version: Int
    let state: State
    let stateLabel: String
    let label: String
    let effectiveFrom: String?
    let effectiveFromLabel: String?
    /// `bundled` (a file shipped with Logis) or `epci` (written in Logis).
    let origin: String
    let publishedAt: String?
    let updatedAt: String?
    let editable: Bool

    init(_ grid: CotationGrid, state: State, record: CotationGridRecord?) {
        version = grid.version
        self.state = state
        stateLabel =
            switch state {
            case .inForce: "En vigueur"
            case .planned: "Prévue"
            case .replaced: "Remplacée"
            case .draft: "Brouillon"
            }
        label = grid.label
        effectiveFrom = grid.effectiveFrom?.iso
        effectiveFromLabel = grid.effectiveFrom?.french
        origin = record == nil ? "bundled" : "epci"
        publishedAt = record?.publishedAt
        updatedAt = record?.updatedAt
        editable = state == .draft
    }
}
