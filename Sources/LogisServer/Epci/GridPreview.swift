import Fluent
import LogisCore
import SQLKit
import Vapor

/// Scores the territory's waiting requests with the version in force and with a draft, as they
/// are today, and compares them (`CotationGridComparison`, in LogisCore). The facts are the ones the
/// nightly recompute reads (`CotationInputs`, plain rows); nothing is written but the audit lines.
/// The requests are read by pages of `pageSize`, their territory's communes once.
enum GridPreview {
    static let pageSize = 2_000

    struct Result {
        let comparison: CotationGridComparison
        /// The request behind each NUD of the top changes, for the audit log.
        let shownRequests: [UUID]
    }

    static func compare(
        territory: UUID, current: CotationGrid?, draft: CotationGrid, today: CalendarDate, db: any Database
    ) async throws -> Result {
        guard let sql = db as? any SQLDatabase else { throw LogisError.notFound }
        let before = try current.map { try compile($0) }
        let after = try compile(draft)
        let communes = TerritoryCommuneNames(
            try await Commune.query(on: db).filter(\.$territory.$id == territory).all().map { ($0.postalCode, $0.name) }
        )
        let statuses = SQLList(RankingTable.rankedStatuses.map { SQLBind($0.rawValue) })
        let decoder = JSONDecoder()
        var entries: [CotationGridComparison.Entry] = []
        var ids: [String: UUID] = [:]
        var cursor: UUID?
        while true {
            let next: SQLQueryString = cursor.map { " AND r.id > \(bind: $0)" } ?? ""
            let page = try await CotationInputs.read(
                "r.territory_id = \(bind: territory) AND r.status IN (\(statuses)) AND r.nud IS NOT NULL\(next)",
                limit: pageSize, on: sql)
            for input in page {
                guard let nud = input.nud else { continue }
                let answers = try decoder.decode(CotationAnswers.self, from: Data(input.answers.utf8))
                let facts = try answers.facts(
                    try input.columns(), today: today, livesInTerritory: answers.lives(in: communes))
                entries.append(
                    .init(
                        nud: nud, firstFiling: facts.firstFiling,
                        before: before.map { .init($0.score(facts)) } ?? .init(total: 0, lines: [:]),
                        after: .init(after.score(facts))))
                ids[nud] = input.id
            }
            guard page.count == pageSize, let last = page.last?.id else { break }
            cursor = last
        }
        let comparison = CotationGridComparison(entries, top: 50)
        return Result(comparison: comparison, shownRequests: comparison.changes.compactMap { ids[$0.nud] })
    }

    private static func compile(_ grid: CotationGrid) throws -> CompiledCotationGrid {
        do {
            return try CompiledCotationGrid(grid)
        } catch {
            throw LogisError(.unprocessableEntity, coreCode: error.code, message: error.message)
        }
    }
}

/// The preview as the page and the API show it: labels resolved from both grids.
struct GridPreviewView: Content {
    struct Change: Content {
        let nud: String
        let rankBefore: Int
        let rankAfter: Int
        let scoreBefore: Int
        let scoreAfter: Int
        let direction: String
    }

    struct Criterion: Content {
        let code: String
        let label: String
        let pointsBefore: Int
        let pointsAfter: Int
        let difference: Int
        let differenceLabel: String
        let requestsGaining: Int
        let requestsLosing: Int
    }

    let version: Int
    let comparedWith: Int?
    let evaluatedOn: String
    let compared: Int
    let movedUp: Int
    let movedDown: Int
    let unchanged: Int
    let changes: [Change]
    let criteria: [Criterion]

    init(_ comparison: CotationGridComparison, draft: CotationGrid, current: CotationGrid?, today: CalendarDate) {
        var labels: [String: String] = ["anciennete": "Ancienneté de la demande", "refus": "Refus d’offres adaptées"]
        for grid in [current, draft].compactMap({ $0 }) {
            for criterion in grid.criteria { labels[criterion.code] = criterion.label }
            if let seniority = grid.seniority { labels["anciennete"] = seniority.label }
            if let refusals = grid.refusals { labels["refus"] = refusals.label }
        }
        version = draft.version
        comparedWith = current?.version
        evaluatedOn = today.iso
        compared = comparison.compared
        movedUp = comparison.movedUp
        movedDown = comparison.movedDown
        unchanged = comparison.unchanged
        changes = comparison.changes.map {
            Change(
                nud: $0.nud, rankBefore: $0.rankBefore, rankAfter: $0.rankAfter, scoreBefore: $0.scoreBefore,
                scoreAfter: $0.scoreAfter, direction: $0.rankAfter < $0.rankBefore ? "up" : "down")
        }
        criteria = comparison.criteria.map {
            Criterion(
                code: $0.code, label: labels[$0.code] ?? $0.code, pointsBefore: $0.pointsBefore,
                pointsAfter: $0.pointsAfter, difference: $0.difference,
                differenceLabel: $0.difference > 0 ? "+\($0.difference)" : "\($0.difference)",
                requestsGaining: $0.requestsGaining, requestsLosing: $0.requestsLosing)
        }
    }
}
