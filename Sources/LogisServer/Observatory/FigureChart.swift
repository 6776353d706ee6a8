import Foundation

/// A figure drawn as an SVG, on the server, without script: bars for categories, lines for the
/// months. The picture is `role="img"` with a `<title>` and a `<desc>` that state the numbers;
/// the table next to it holds the same values for anyone who cannot see the chart.
enum FigureChart {
    static let width = 640.0
    static let ink = "#1b1b1b"
    /// Both at least 7:1 on white (WCAG 1.4.11 asks 3:1 for graphics).
    static let blue = "#1f3f8f"
    static let red = "#a4161a"
    /// Charts of long lists stop here; the table and the CSV have every row.
    static let maxBars = 40
    static let shortMonths = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ]

    static func svg(_ table: FigureTable, id: String) -> String {
        switch table.figure.chart {
        case .bars:
            let bars = table.rows.prefix(maxBars).map {
                ($0.label, $0.cells.first ?? FigureCell(value: nil, suppressed: false))
            }
            return horizontalBars(table, bars: Array(bars), id: id, unit: table.columns.first?.label ?? "")
        case .columnBars:
            guard let row = table.rows.first else { return "" }
            let bars = table.figure.chartColumns.filter { $0 < row.cells.count }.map {
                (table.columns[$0].label, row.cells[$0])
            }
            return horizontalBars(table, bars: bars, id: id, unit: "")
        case .lines:
            return lines(table, id: id)
        }
    }

    static func description(_ bars: [(String, FigureCell)]) -> String {
        bars.map { "\($0.0) : \($0.1.text)" }.joined(separator: " ; ")
    }

    private static func horizontalBars(
        _ table: FigureTable, bars: [(String, FigureCell)], id: String, unit: String
    ) -> String {
        let labelWidth = 230.0
        let valueWidth = 60.0
        let rowHeight = 26.0
        let height = Double(bars.count) * rowHeight + 10
        let largest = bars.compactMap(\.1.value).max() ?? 0
        let span = width - labelWidth - valueWidth
        var body = ""
        for (index, bar) in bars.enumerated() {
            let y = 5 + Double(index) * rowHeight
            let length = largest > 0 ? (bar.1.value ?? 0) / largest * span : 0
            body += text(x: labelWidth - 8, y: y + 17, anchor: "end", shorten(bar.0))
            if length > 0 {
                body +=
                    "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(format(length))\" height=\"18\" fill=\"\(blue)\"/>"
            }
            body += text(x: labelWidth + length + 6, y: y + 17, anchor: "start", bar.1.text)
        }
        let more = table.rows.count > bars.count && table.figure.chart == .bars
        let note = more ? " Le graphique montre les \(bars.count) premières lignes sur \(table.rows.count)." : ""
        let desc = (unit.isEmpty ? "" : unit + ". ") + description(bars) + "." + note
        return frame(id: id, title: table.title, desc: desc, height: height, body: body)
    }

    private static func lines(_ table: FigureTable, id: String) -> String {
        let left = 50.0
        let right = 30.0
        let top = 36.0
        let plot = 200.0
        let height = top + plot + 40
        let largest = max(1, table.rows.flatMap { $0.cells.compactMap(\.value) }.max() ?? 0)
        let step = (width - left - right) / Double(max(1, table.rows.count - 1))
        var body = ""
        for tick in 0...4 {
            let value = largest * Double(tick) / 4
            let y = top + plot - plot * Double(tick) / 4
            body +=
                "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(format(y))\" y2=\"\(format(y))\" stroke=\"#c8c8c8\"/>"
            body += text(x: left - 6, y: y + 4, anchor: "end", FigureCell.french((value * 10).rounded() / 10))
        }
        for (index, row) in table.rows.enumerated() {
            let x = left + Double(index) * step
            let month = index < shortMonths.count ? shortMonths[index] : row.label
            body += text(x: x, y: top + plot + 18, anchor: "middle", month)
        }
        let styles = [(blue, ""), (red, " stroke-dasharray=\"6 4\"")]
        var legend = ""
        for (series, column) in table.columns.enumerated() where series < styles.count {
            let (color, dash) = styles[series]
            var points: [String] = []
            for (index, row) in table.rows.enumerated() {
                guard series < row.cells.count, let value = row.cells[series].value else { continue }
                let x = left + Double(index) * step
                let y = top + plot - plot * value / largest
                points.append("\(format(x)),\(format(y))")
                body +=
                    series == 0
                    ? "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"4\" fill=\"\(color)\"/>"
                    : "<rect x=\"\(format(x - 4))\" y=\"\(format(y - 4))\" width=\"8\" height=\"8\" fill=\"\(color)\"/>"
            }
            if points.count > 1 {
                body +=
                    "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)/>"
            }
            let lx = left + Double(series) * 200
            legend +=
                "<line x1=\"\(lx)\" x2=\"\(lx + 30)\" y1=\"14\" y2=\"14\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)/>"
            legend += text(x: lx + 36, y: 18, anchor: "start", column.label)
        }
        let desc = table.columns.enumerated().map { series, column in
            column.label + " — " + table.rows.map { "\($0.label) : \($0.cells[series].text)" }.joined(separator: ", ")
        }.joined(separator: ". ")
        return frame(id: id, title: table.title, desc: desc + ".", height: height, body: legend + body)
    }

    private static func frame(id: String, title: String, desc: String, height: Double, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 \(format(width)) \(format(height))" \
        aria-labelledby="\(id)-titre \(id)-desc" font-family="system-ui, sans-serif" font-size="13">\
        <title id="\(id)-titre">\(escape(title))</title><desc id="\(id)-desc">\(escape(desc))</desc>\(body)</svg>
        """
    }

    private static func text(x: Double, y: Double, anchor: String, _ content: String) -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\" fill=\"\(ink)\">\(escape(content))</text>"
    }

    private static func shorten(_ label: String) -> String {
        label.count > 31 ? String(label.prefix(30)) + "…" : label
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
