import Foundation
import SQLKit

/// The year's attributions: requests satisfied (lease signed) between 1 January and 31 December,
/// read from `satisfied_on` and `waited_days` (M0030).
extension ObservatoryQueries {
    /// The attribution's commune: the leased dwelling's when Logis recorded the lease, else the
    /// household's first wish (a satisfaction recorded without an offer, such as an import).
    static let attributionCommune: SQLQueryString = """
        COALESCE((SELECT v.commune_code FROM offers o JOIN vacancies v ON v.id = o.vacancy_id \
        WHERE o.request_id = h.id AND o.lease_signed_on IS NOT NULL ORDER BY o.lease_signed_on DESC LIMIT 1), \
        (SELECT c.insee_code FROM request_wishes w JOIN communes c ON c.id = w.commune_id \
        WHERE w.request_id = h.id ORDER BY w.rank LIMIT 1))
        """

    var attributionsFrom: SQLQueryString {
        var from: SQLQueryString = """
            FROM housing_requests h WHERE h.status = 'satisfaite' \
            AND h.satisfied_on >= \(bind: filter.yearStart) AND h.satisfied_on < \(bind: filter.yearEnd)
            """
        from += territory("h.territory_id")
        if let code = filter.communeCode { from += " AND \(Self.attributionCommune) = \(bind: code)" }
        return from
    }

    func attributionCount() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n " + attributionsFrom).first(decoding: Count.self)?.n ?? 0
    }

    func pressure() async throws -> [FigureRow] {
        let pending = try await pendingCount()
        let attributions = try await attributionCount()
        let ratio = attributions == 0 ? nil : Self.oneDecimal(Double(pending) / Double(attributions))
        return [
            FigureRow(code: scopeCode, label: scopeLabel, values: [Double(pending), Double(attributions), ratio])
        ]
    }

    struct WaitTotals: Decodable {
        let n: Int
        let total: Int?
    }

    /// Median (the middle wait, or the mean of the two middle ones) and mean, in days. The
    /// median reads one or two rows by their position in the index order, not the whole list.
    func wait() async throws -> [FigureRow] {
        let from = attributionsFrom + " AND h.waited_days IS NOT NULL"
        let totals = try await sql.raw("SELECT COUNT(*) AS n, CAST(SUM(h.waited_days) AS BIGINT) AS total " + from)
            .first(decoding: WaitTotals.self)
        guard let totals, totals.n > 0, let total = totals.total else {
            return [FigureRow(code: scopeCode, label: scopeLabel, values: [0, nil, nil])]
        }
        func waited(at position: Int) async throws -> Int {
            let row = try await sql.raw(
                "SELECT h.waited_days AS n " + from + " ORDER BY h.waited_days LIMIT 1 OFFSET \(bind: position)"
            ).first(decoding: Count.self)
            return row?.n ?? 0
        }
        let low = try await waited(at: (totals.n - 1) / 2)
        let high = totals.n % 2 == 0 ? try await waited(at: totals.n / 2) : low
        let median = Self.oneDecimal(Double(low + high) / 2)
        let mean = Self.oneDecimal(Double(total) / Double(totals.n))
        return [FigureRow(code: scopeCode, label: scopeLabel, values: [Double(totals.n), median, mean])]
    }

    /// Annual income (RFR) per consumption unit, with the unit approximated from the household's
    /// size (1 for the first person, 0.5 for each other): 2 × RFR / (persons + 1), in integers.
    static let incomePerUnit: SQLQueryString = "((h.income_rfr * 2) / (h.household_persons + 1))"

    /// The three quartile thresholds of income per unit among the territory's pending requests
    /// (the commune filter does not apply: the legal quartile is the territory's); nil with
    /// fewer than 4 known incomes. One sort: the rows at positions ⌊k·n/4⌋ (k = 1, 2, 3, from 0)
    /// are picked by their row number.
    func quartileThresholds() async throws -> [Int]? {
        let from: SQLQueryString =
            "FROM housing_requests h WHERE \(Self.pending) AND h.income_rfr IS NOT NULL"
            + territory("h.territory_id")
        let known = try await sql.raw("SELECT COUNT(*) AS n " + from).first(decoding: Count.self)?.n ?? 0
        guard known >= 4 else { return nil }
        let positions = (1...3).map { known * $0 / 4 + 1 }
        let rows = try await sql.raw(
            "SELECT ranked.n AS n FROM (SELECT \(Self.incomePerUnit) AS n, "
                + "ROW_NUMBER() OVER (ORDER BY \(Self.incomePerUnit)) AS position " + from
                + ") ranked WHERE ranked.position IN (\(binds: positions)) ORDER BY ranked.position"
        ).all(decoding: Count.self)
        let thresholds = rows.compactMap(\.n)
        return thresholds.count == 3 ? thresholds : nil
    }

    struct Bucket: Decodable {
        let code: Int
        let n: Int
    }

    func attributionsByQuartile() async throws -> [FigureRow] {
        let quartile: SQLQueryString
        if let q = try await quartileThresholds() {
            quartile = """
                CASE WHEN h.income_rfr IS NULL THEN 0 WHEN \(Self.incomePerUnit) < \(bind: q[0]) THEN 1 \
                WHEN \(Self.incomePerUnit) < \(bind: q[1]) THEN 2 WHEN \(Self.incomePerUnit) < \(bind: q[2]) THEN 3 \
                ELSE 4 END
                """
        } else {
            quartile = "0"
        }
        let buckets = try await sql.raw("SELECT \(quartile) AS code, COUNT(*) AS n " + attributionsFrom + " GROUP BY 1")
            .all(decoding: Bucket.self)
        let counts = Dictionary(buckets.map { ($0.code, $0.n) }, uniquingKeysWith: +)
        let total = counts.values.reduce(0, +)
        let labels = [
            (1, "q1", "1er quartile (ressources les plus faibles)"), (2, "q2", "2e quartile"),
            (3, "q3", "3e quartile"), (4, "q4", "4e quartile"), (0, "unknown", "Ressources non connues"),
        ]
        return labels.map { key, code, label in
            let n = counts[key] ?? 0
            return FigureRow(code: code, label: label, values: [Double(n), Self.share(n, of: total)])
        }
    }

    struct PriorityCounts: Decodable {
        let priority: Int?
        let n: Int
    }

    /// Priority publics as flagged on the request today (DALO, PDALHPD, CCH L441-1 criteria).
    func attributionsToPriority() async throws -> [FigureRow] {
        let row = try await sql.raw(
            """
            SELECT SUM(CASE WHEN h.priorities IS NOT NULL AND h.priorities <> '' THEN 1 ELSE 0 END) AS priority, \
            COUNT(*) AS n
            """ + " " + attributionsFrom
        ).first(decoding: PriorityCounts.self)
        let total = row?.n ?? 0
        let priority = row?.priority ?? 0
        return [
            FigureRow(
                code: "priority", label: "Publics prioritaires",
                values: [Double(priority), Self.share(priority, of: total)]),
            FigureRow(
                code: "other", label: "Autres ménages",
                values: [Double(total - priority), Self.share(total - priority, of: total)]),
        ]
    }

    var scopeCode: String { filter.communeCode ?? filter.territorySlug ?? "all" }
    var scopeLabel: String {
        if let code = filter.communeCode { return filter.communeName ?? code }
        return filter.territoryName ?? "Tous les territoires"
    }

    static func share(_ part: Int, of total: Int) -> Double? {
        total == 0 ? nil : oneDecimal(Double(part) * 100 / Double(total))
    }

    static func oneDecimal(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
