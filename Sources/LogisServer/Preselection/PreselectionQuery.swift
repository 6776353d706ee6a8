import Fluent
import Foundation
import LogisCore
import SQLKit

/// The pre-selection's two questions to the ranking table, each one indexed query: the first
/// requests that pass every hard filter for a dwelling, in `RankingOrder`; and how many such
/// requests rank before a given one.
enum PreselectionQuery {
    struct Row: Decodable, Sendable {
        let requestID: UUID
        let nud: String
        let score: Int
        let priorities: Int64
    }

    /// The WHERE clause of `RankingRow.passes(_:)` for the dwelling's commune.
    static func filters(_ dwelling: Dwelling) -> SQLQueryString {
        let need = RankingRow.Requirement(dwelling)
        var clauses: [SQLQueryString] = [
            "commune_code = \(bind: dwelling.commune)",
            "((eligible_financings | unjudged_financings) & \(bind: Int64(need.financingBit))) <> 0",
            "(wished_typologies & \(bind: Int64(need.typologyBit))) <> 0",
            "(roomy_typologies & \(bind: Int64(need.typologyBit))) <> 0",
            "accessibility_need <= \(bind: need.highestNeedMet)",
            "(maximum_rent = 0 OR maximum_rent >= \(bind: need.monthlyRent))",
        ]
        if need.actionLogementOnly { clauses.append("action_logement = \(bind: true)") }
        return clauses.joined(separator: " AND ")
    }

    /// Requests that refused this dwelling (or let its offer lapse) in an earlier round are not
    /// proposed for it again.
    static func notRefused(dwellingID: UUID) -> SQLQueryString {
        """
        request_id NOT IN (SELECT o.request_id FROM offers o JOIN vacancies v ON v.id = o.vacancy_id \
        WHERE v.dwelling_id = \(bind: dwellingID) AND o.state IN ('refused', 'lapsed'))
        """
    }

    static func top(_ limit: Int, for dwelling: Dwelling, dwellingID: UUID, on db: any Database) async throws -> [Row] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw(
            """
            SELECT request_id AS "requestID", nud, score, priorities \
            FROM ranking_entries WHERE \(filters(dwelling)) AND \(notRefused(dwellingID: dwellingID)) \
            ORDER BY \(unsafeRaw: RankingSQL.orderBy) LIMIT \(literal: max(0, min(limit, 100)))
            """
        ).all(decoding: Row.self)
    }

    /// The candidates that pass every filter and rank before `position`.
    static func countAhead(
        of position: RankingOrder.Position, for dwelling: Dwelling, dwellingID: UUID, on db: any Database
    ) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        struct Count: Decodable { let n: Int }
        return try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM ranking_entries \
            WHERE \(filters(dwelling)) AND \(notRefused(dwellingID: dwellingID)) AND \(RankingSQL.rankedBefore(position))
            """
        ).first(decoding: Count.self)?.n ?? 0
    }
}
