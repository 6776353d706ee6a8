import LogisCore
import SQLKit

/// `RankingOrder` in SQL, over the columns of `housing_requests`: the same keys, in the same
/// directions, so a position counted by the database is the one LogisCore would give.
enum RankingSQL {
    static func column(_ key: RankingOrder.Key) -> String {
        switch key {
        case .score: "score"
        case .firstFiling: "first_filed_on"
        case .nud: "nud"
        }
    }

    /// `score DESC, first_filed_on ASC, nud ASC`.
    static var orderBy: String {
        RankingOrder.keys.map { "\(column($0.key)) \($0.descending ? "DESC" : "ASC")" }.joined(separator: ", ")
    }

    /// The rows ranked before `position`: `(score > s) OR (score = s AND first_filed_on < f) OR …`.
    static func rankedBefore(_ position: RankingOrder.Position) -> SQLQueryString {
        var clauses: [SQLQueryString] = []
        var equalities: [SQLQueryString] = []
        for (key, descending) in RankingOrder.keys {
            let column = column(key)
            let value = bound(key, position)
            let comparison: SQLQueryString = "\(unsafeRaw: column) \(unsafeRaw: descending ? ">" : "<") \(value)"
            clauses.append(
                (equalities + [comparison]).joined(separator: " AND ").wrappedInParentheses)
            equalities.append("\(unsafeRaw: column) = \(value)")
        }
        return clauses.joined(separator: " OR ").wrappedInParentheses
    }

    private static func bound(_ key: RankingOrder.Key, _ position: RankingOrder.Position) -> SQLQueryString {
        switch key {
        case .score: "\(bind: position.score)"
        case .firstFiling: "\(bind: position.firstFiling.iso)"
        case .nud: "\(bind: position.nud)"
        }
    }
}

extension SQLQueryString {
    fileprivate var wrappedInParentheses: SQLQueryString { "(\(self))" }
}
