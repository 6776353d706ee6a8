import Foundation
import SQLKit

/// Renewals and striking-offs of the year, month by month, from the requests' timeline
/// (`request_events`: `renewed`, `radiated`). Months are those of Paris: each boundary is bound as
/// a point in time, so the grouping is one CASE that reads the same on both databases.
extension ObservatoryQueries {
    static let monthNames = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]

    /// Midnight in Paris on the first day of `month` (13 is January of the next year).
    static func monthStart(year: Int, month: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date(timeIntervalSince1970: 0)
    }

    struct MonthCounts: Decodable {
        let month: Int
        let renewals: Int?
        let strikes: Int?
    }

    func monthlyLifecycle() async throws -> [FigureRow] {
        let year = filter.year
        var month: SQLQueryString = "CASE"
        for index in 2...12 {
            month +=
                " WHEN e.occurred_at < \(bind: Self.monthStart(year: year, month: index)) THEN \(literal: index - 1)"
        }
        month += " ELSE 12 END"
        let query: SQLQueryString =
            """
            SELECT \(month) AS month, \
            SUM(CASE WHEN e.kind = 'renewed' THEN 1 ELSE 0 END) AS renewals, \
            SUM(CASE WHEN e.kind = 'radiated' THEN 1 ELSE 0 END) AS strikes \
            FROM request_events e JOIN housing_requests h ON h.id = e.request_id \
            WHERE e.kind IN ('renewed', 'radiated') \
            AND e.occurred_at >= \(bind: Self.monthStart(year: year, month: 1)) \
            AND e.occurred_at < \(bind: Self.monthStart(year: year, month: 13))
            """ + territory("h.territory_id") + wishes() + " GROUP BY 1"
        let counts = try await sql.raw(query).all(decoding: MonthCounts.self)
        let byMonth = Dictionary(counts.map { ($0.month, $0) }, uniquingKeysWith: { first, _ in first })
        return (1...12).map { index in
            let row = byMonth[index]
            guard index <= filter.lastMonth else {
                return FigureRow(
                    code: String(format: "%04d-%02d", year, index), label: "\(Self.monthNames[index - 1]) \(year)",
                    values: [nil, nil])
            }
            return FigureRow(
                code: String(format: "%04d-%02d", year, index), label: "\(Self.monthNames[index - 1]) \(year)",
                values: [Double(row?.renewals ?? 0), Double(row?.strikes ?? 0)])
        }
    }

    /// Every row of a figure that is not paged (a handful of rows).
    func rows(_ figure: ObservatoryFigure) async throws -> [FigureRow] {
        switch figure {
        case .pressure: try await pressure()
        case .wait: try await wait()
        case .attributionsByQuartile: try await attributionsByQuartile()
        case .attributionsToPriority: try await attributionsToPriority()
        case .monthlyLifecycle: try await monthlyLifecycle()
        default: try await allPages(figure)
        }
    }

    static let pageSize = 500

    func allPages(_ figure: ObservatoryFigure) async throws -> [FigureRow] {
        var rows: [FigureRow] = []
        while true {
            let page = try await page(figure, limit: Self.pageSize, offset: rows.count)
            rows += page
            if page.count < Self.pageSize { return rows }
        }
    }
}
