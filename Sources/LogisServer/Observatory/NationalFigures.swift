import Foundation
import LogisCore
import SQLKit

/// The figures over all territories, computed once a day and kept in `national_figures` (M0036).
///
/// A territory's or a commune's figure reads a bounded part of the register through its indexes
/// and stays live. Over all territories the same queries read the whole register — at the scale
/// issue's 2.7 million requests, minutes for the eleven figures (docs/PERFORMANCE.md), longer than
/// any reader waits — so they are computed by the `national-figures` job each morning and a
/// reading is one row's read: the latest morning kept (yesterday's until today's job has run).
/// Only a register that was never computed (a new installation, the tests) is computed by its
/// first reader. A figure over all territories is the figure of a morning, and the page says which.
enum NationalFigures {
    /// What is kept of the rows: one line each, `code`, `label` and the values separated by tabs,
    /// an absent value empty: no decoder between the database and the rows, for figures that hold
    /// every commune of France (the answer's own JSON then costs most of the ~200 ms, PERFORMANCE.md).
    static func text(of rows: [FigureRow]) -> String {
        func clean(_ field: String) -> String {
            String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
        }
        return rows.map { row in
            ([clean(row.code), clean(row.label)] + row.values.map { $0.map { String($0) } ?? "" })
                .joined(separator: "\t")
        }.joined(separator: "\n")
    }

    static func rows(of text: String) -> [FigureRow] {
        text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { return nil }
            return FigureRow(
                code: String(fields[0]), label: String(fields[1]), values: fields.dropFirst(2).map { Double($0) })
        }
    }

    struct Kept: Decodable {
        let rows: String
        let computedAt: String
    }

    /// Whether `filter` is the national scope these figures cover.
    static func covers(_ filter: ObservatoryFilter) -> Bool {
        filter.territoryID == nil && filter.communeCode == nil
    }

    /// The rows of `figure` for `queries`' filter: the kept morning's over all territories (with
    /// when it was computed), live otherwise.
    static func rowsOrLive(
        _ figure: ObservatoryFigure, queries: ObservatoryQueries, day: CalendarDate, now: Date
    ) async throws -> (rows: [FigureRow], computedAt: Date?) {
        guard covers(queries.filter) else { return (try await queries.rows(figure), nil) }
        let kept = try await rows(figure, queries: queries, day: day, now: now)
        return (kept.rows, kept.computedAt)
    }

    /// The national table of `figure` as of `day`, from `cache` while the kept morning is the one
    /// it was read from (`NationalFigureCache`); `stamp` names that morning.
    static func table(
        _ figure: ObservatoryFigure, queries: ObservatoryQueries, day: CalendarDate, now: Date, public isPublic: Bool,
        cache: NationalFigureCache
    ) async throws -> (table: FigureTable, computedAt: Date, key: NationalFigureCache.Key, stamp: String) {
        let key = NationalFigureCache.Key(figure: figure, year: queries.filter.year, isPublic: isPublic)
        if let stamp = try await keptStamp(figure, year: queries.filter.year, upTo: day, on: queries.sql),
            let entry = cache.entry(key, stamp: stamp), let computedAt = ISO8601DateFormatter().date(from: stamp)
        {
            return (entry.table, computedAt, key, stamp)
        }
        let (rows, computedAt) = try await rows(figure, queries: queries, day: day, now: now)
        let table = FigureTable(figure: figure, rows: rows, filter: queries.filter, public: isPublic)
        let stamp = ISO8601DateFormatter().string(from: computedAt)
        cache.store(.init(stamp: stamp, table: table), for: key)
        return (table, computedAt, key, stamp)
    }

    /// Which morning a reading of `figure` gets, without its rows.
    static func keptStamp(
        _ figure: ObservatoryFigure, year: Int, upTo day: CalendarDate, on sql: any SQLDatabase
    ) async throws -> String? {
        struct Stamp: Decodable { let computedAt: String }
        return try await sql.raw(
            """
            SELECT computed_at AS "computedAt" FROM national_figures \
            WHERE day <= \(bind: day.iso) AND figure = \(bind: figure.rawValue) AND year = \(bind: year) \
            ORDER BY day DESC LIMIT 1
            """
        ).first(decoding: Stamp.self)?.computedAt
    }

    /// The rows of `figure` for the national scope as of `day`: the latest kept on or before it,
    /// else computed now and kept (two instances computing at once keep the first, with the same
    /// figures).
    static func rows(
        _ figure: ObservatoryFigure, queries: ObservatoryQueries, day: CalendarDate, now: Date
    ) async throws -> (rows: [FigureRow], computedAt: Date) {
        if let kept = try await kept(figure, year: queries.filter.year, upTo: day, on: queries.sql) {
            return kept
        }
        return try await compute(figure, queries: queries, day: day, now: now)
    }

    /// Computes the figure in one query (no pages: the job has no reader waiting) and keeps it for `day`.
    static func compute(
        _ figure: ObservatoryFigure, queries: ObservatoryQueries, day: CalendarDate, now: Date
    ) async throws -> (rows: [FigureRow], computedAt: Date) {
        let rows =
            figure.isPaged
            ? try await queries.page(figure, limit: maximumRows, offset: 0) : try await queries.rows(figure)
        try await keep(rows, figure: figure, year: queries.filter.year, day: day, computedAt: now, on: queries.sql)
        return (rows, now)
    }

    static func isKept(
        _ figure: ObservatoryFigure, year: Int, on day: CalendarDate, on sql: any SQLDatabase
    ) async throws -> Bool {
        struct Count: Decodable { let n: Int }
        let count = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM national_figures \
            WHERE day = \(bind: day.iso) AND figure = \(bind: figure.rawValue) AND year = \(bind: year)
            """
        ).first(decoding: Count.self)
        return (count?.n ?? 0) > 0
    }

    /// More than the communes of France: a grouped figure is never cut.
    static let maximumRows = 1_000_000

    static func kept(
        _ figure: ObservatoryFigure, year: Int, upTo day: CalendarDate, on sql: any SQLDatabase
    ) async throws -> (rows: [FigureRow], computedAt: Date)? {
        guard
            let kept = try await sql.raw(
                """
                SELECT rows, computed_at AS "computedAt" FROM national_figures \
                WHERE day <= \(bind: day.iso) AND figure = \(bind: figure.rawValue) AND year = \(bind: year) \
                ORDER BY day DESC LIMIT 1
                """
            ).first(decoding: Kept.self),
            let computedAt = ISO8601DateFormatter().date(from: kept.computedAt)
        else { return nil }
        return (rows(of: kept.rows), computedAt)
    }

    static func keep(
        _ rows: [FigureRow], figure: ObservatoryFigure, year: Int, day: CalendarDate, computedAt: Date,
        on sql: any SQLDatabase
    ) async throws {
        let text = text(of: rows)
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
