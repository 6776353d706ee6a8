import Foundation
import LogisCore
import SQLKit

/// The figures over all territories, computed once a day and kept in `national_figures` (M0036).
///
/// A territory's or a commune's figure reads a bounded part of the register through its indexes
/// and stays live. Over all territories the same queries read the whole register — at the scale
/// issue's 2.7 million requests, seconds per figure (docs/PERFORMANCE.md) — so they are computed
/// by the `national-figures` job each morning, or by the first reader of the day if the job has
/// not run yet, and every later reading that day is one row's read. A figure over all territories
/// is therefore the figure of the morning, and the page says so.
enum NationalFigures {
    /// What is kept of a row: its key, label and values (the small cells are hidden when shown).
    struct StoredRow: Codable {
        let code: String
        let label: String
        let values: [Double?]
    }

    struct Kept: Decodable {
        let rows: String
        let computedAt: String
    }

    /// Whether `filter` is the national scope these figures cover.
    static func covers(_ filter: ObservatoryFilter) -> Bool {
        filter.territoryID == nil && filter.communeCode == nil
    }

    /// The rows of `figure` for the national scope on `day`: kept ones if any, else computed now
    /// and kept (two instances computing at once keep the first, with the same figures).
    static func rows(
        _ figure: ObservatoryFigure, queries: ObservatoryQueries, day: CalendarDate, now: Date
    ) async throws -> (rows: [FigureRow], computedAt: Date) {
        if let kept = try await kept(figure, year: queries.filter.year, day: day, on: queries.sql) {
            return kept
        }
        let rows = try await queries.rows(figure)
        try await keep(rows, figure: figure, year: queries.filter.year, day: day, computedAt: now, on: queries.sql)
        return (rows, now)
    }

    static func kept(
        _ figure: ObservatoryFigure, year: Int, day: CalendarDate, on sql: any SQLDatabase
    ) async throws -> (rows: [FigureRow], computedAt: Date)? {
        guard
            let kept = try await sql.raw(
                """
                SELECT rows, computed_at AS "computedAt" FROM national_figures \
                WHERE day = \(bind: day.iso) AND figure = \(bind: figure.rawValue) AND year = \(bind: year)
                """
            ).first(decoding: Kept.self),
            let stored = try? JSONDecoder().decode([StoredRow].self, from: Data(kept.rows.utf8)),
            let computedAt = ISO8601DateFormatter().date(from: kept.computedAt)
        else { return nil }
        return (stored.map { FigureRow(code: $0.code, label: $0.label, values: $0.values) }, computedAt)
    }

    static func keep(
        _ rows: [FigureRow], figure: ObservatoryFigure, year: Int, day: CalendarDate, computedAt: Date,
        on sql: any SQLDatabase
    ) async throws {
        let stored = rows.map { StoredRow(code: $0.code, label: $0.label, values: $0.values) }
        let text = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO national_figures (day, figure, year, rows, computed_at) \
            VALUES (\(bind: day.iso), \(bind: figure.rawValue), \(bind: year), \(bind: text), \(bind: ISO8601DateFormatter().string(from: computedAt))) \
            ON CONFLICT (day, figure, year) DO NOTHING
            """
        ).run()
    }

    /// Days kept: a week, to compare a morning with the previous ones; older days are removed by the job.
    static let keptDays = 7

    static func purge(before day: CalendarDate, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            "DELETE FROM national_figures WHERE day < \(bind: day.adding(days: -keptDays).iso)"
        ).run()
    }
}
