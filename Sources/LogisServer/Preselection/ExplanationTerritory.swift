import Fluent
import LogisCore
import SQLKit
import Vapor

/// What explaining a request reads of its territory: the zone and commune codes of the
/// pre-selection facts, the communes of « réside sur le territoire », the cotation grid. Read as
/// plain rows, once per territory and call (`ExplanationTerritory.Cache`), not once per candidate.
struct ExplanationTerritory {
    let facts: RankingContext.TerritoryFacts
    let communes: [Commune]
    let grid: CompiledCotationGrid?

    private struct TerritoryRow: Decodable {
        let zone: String
        let cotationGrid: String?
    }

    private struct CommuneRow: Decodable {
        let name: String
        let postalCode: String
        let inseeCode: String?
    }

    static func load(_ id: UUID, on req: Request) async throws -> ExplanationTerritory {
        guard let sql = req.db as? any SQLDatabase,
            let territory = try await sql.raw(
                """
                SELECT zone AS "zone", cotation_grid AS "cotationGrid" FROM territories WHERE id = \(bind: id)
                """
            ).first(decoding: TerritoryRow.self),
            let zone = Zone(code: territory.zone)
        else { throw RequestRankingFacts.Failure.unknownCode(field: "zone") }
        let rows = try await sql.raw(
            """
            SELECT name AS "name", postal_code AS "postalCode", insee_code AS "inseeCode" \
            FROM communes WHERE territory_id = \(bind: id)
            """
        ).all(decoding: CommuneRow.self)
        // `RequestCotation.lives(in:form:)` compares names and postal codes: the communes it
        // reads are built from their rows, never saved.
        let communes = rows.map { row in
            let commune = Commune()
            commune.name = row.name
            commune.postalCode = row.postalCode
            commune.inseeCode = row.inseeCode
            return commune
        }
        // The grid as `RequestCotation.grid(for:)` finds it: the territory's, from the catalog.
        await req.application.cotationGridStore.refreshIfStale(on: req.db, logger: req.logger)
        return ExplanationTerritory(
            facts: RankingContext.TerritoryFacts(zone: zone, communeCodes: Set(rows.compactMap(\.inseeCode))),
            communes: communes, grid: req.application.cotationGrids[territory.cotationGrid ?? ""])
    }

    /// Each territory read once per call.
    struct Cache {
        private var loaded: [UUID: ExplanationTerritory] = [:]

        mutating func get(for request: HousingRequest, on req: Request) async throws -> ExplanationTerritory {
            guard let id = request.$territory.id else { throw VacancyScope.vacancyNotFound }
            if let known = loaded[id] { return known }
            let territory = try await ExplanationTerritory.load(id, on: req)
            loaded[id] = territory
            return territory
        }
    }
}
