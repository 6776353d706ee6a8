import Foundation
import LogisCore
import Vapor

/// A figure as CSV for French spreadsheets (docs/rules/observatory.md): UTF-8 with a byte-order
/// mark (without it Excel reads the accents as Windows-1252), `;` between fields, a decimal comma,
/// CRLF line ends. Written as the rows come from the database, one page at a time: the body is a
/// stream, never a whole file in memory.
enum FigureCSV {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func header(_ figure: ObservatoryFigure) -> String {
        line(["code", "label"] + figure.columns.map(\.key))
    }

    static func line(_ row: FigureRow) -> String {
        line([row.code, row.label] + row.cells.map(field))
    }

    /// « < 5 » for a hidden cell, empty for a value that does not exist.
    static func field(_ cell: FigureCell) -> String {
        if cell.suppressed { return "< 5" }
        return cell.value.map(FigureCell.french) ?? ""
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ";") + "\r\n"
    }

    /// RFC 4180 quoting; a field that a spreadsheet would run as a formula is prefixed with `'`.
    static func quoted(_ field: String) -> String {
        var text = field
        if let first = text.first, "=+-@".contains(first), Double(text.replacingOccurrences(of: ",", with: ".")) == nil
        {
            text = "'" + text
        }
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func response(
        _ figure: ObservatoryFigure, queries: ObservatoryQueries, day: CalendarDate, now: Date, public isPublic: Bool
    ) -> Response {
        let columns = figure.columns
        let body = Response.Body(managedAsyncStream: { writer in
            try await writer.writeBuffer(ByteBuffer(bytes: byteOrderMark + Array(header(figure).utf8)))
            func write(_ rows: [FigureRow]) async throws {
                guard !rows.isEmpty else { return }
                let text = rows.map { line(isPublic ? $0.suppressingSmallCells(columns) : $0) }.joined()
                try await writer.writeBuffer(ByteBuffer(string: text))
            }
            // The national figures are the morning's, kept whole; a territory's are read page by page.
            if NationalFigures.covers(queries.filter) {
                return try await write(
                    try await NationalFigures.rows(figure, queries: queries, day: day, now: now).rows)
            }
            guard figure.isPaged else { return try await write(try await queries.rows(figure)) }
            var offset = 0
            while true {
                let page = try await queries.page(figure, limit: ObservatoryQueries.pageSize, offset: offset)
                try await write(page)
                guard page.count == ObservatoryQueries.pageSize else { return }
                offset += page.count
            }
        })
        let response = Response(status: .ok, body: body)
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let name = "observatoire-\(figure.rawValue)-\(queries.filter.year)\(isPublic ? "-public" : "").csv"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
