import Fluent
import LogisCore
import SQLKit
import Vapor

/// What explaining a request reads of its territory: the zone and commune codes of the
/// pre-selection facts, the communes of « réside sur le territoire », the cotation grid. Read as
/// plain rows, once per territory and call (`ExplanationTerritory.Cache`), not once per candidate.
struct ExplanationTerritory {
    let facts: RankingContext.TerritoryFacts
    /// « Réside sur le territoire » compares the applicant's address with these.
    let communes: TerritoryCommuneNames
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
        return ExplanationTerritory(
            facts: RankingContext.TerritoryFacts(zone: zone, communeCodes: Set(rows.compactMap(\.inseeCode))),
            communes: TerritoryCommuneNames(rows.map { ($0.postalCode, $0.name) }),
            grid: await RequestCotation.grid(named: territory.cotationGrid, on: req.db, app: req.application))
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
