import Foundation

/// One line of a figure: its key (an INSEE code, a typology, a month…), a label and one cell per column.
struct FigureRow: Encodable, Sendable, Equatable {
    let code: String
    let label: String
    var cells: [FigureCell]

    init(code: String, label: String, values: [Double?]) {
        self.code = code
        self.label = label
        self.cells = values.map { FigureCell(value: $0, suppressed: false) }
    }

    var values: [Double?] { cells.map(\.value) }

    enum CodingKeys: String, CodingKey {
        case code, label, cells = "values"
    }
}

/// A number, or nothing when it cannot be computed (no attribution, no threshold) or when it is
/// hidden because fewer than 5 households are behind it.
struct FigureCell: Encodable, Sendable, Equatable {
    let value: Double?
    let suppressed: Bool

    enum CodingKeys: String, CodingKey {
        case value, suppressed
    }

    /// `null` is written, not left out: the API document lists both fields as required.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(suppressed, forKey: .suppressed)
    }

    /// The statistical secret's threshold: a cell of 1 to 4 households could point at a person.
    static let smallCell = 5.0

    /// « < 5 » for a hidden cell, « — » for a value that does not exist, else the French number.
    var text: String {
        if suppressed { return "< 5" }
        guard let value else { return "—" }
        return FigureCell.french(value)
    }

    static func french(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        return String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}

extension FigureRow {
    /// The public version: every household count under 5 (0 included) and what is computed from
    /// it become « < 5 »; dwellings stay (the stock is public, RPLS).
    func suppressingSmallCells(_ columns: [FigureColumn]) -> FigureRow {
        var copy = self
        var hidden = [Bool](repeating: false, count: cells.count)
        for (index, column) in columns.enumerated() where index < cells.count {
            switch column.unit {
            case .dwellings: break
            // A value that does not exist (a month to come) tells nothing about anyone.
            case .households: hidden[index] = cells[index].value.map { $0 < FigureCell.smallCell } ?? false
            case .derived(let sources):
                hidden[index] = sources.contains { source in
                    source < cells.count && (cells[source].value.map { $0 < FigureCell.smallCell } ?? false)
                }
            }
        }
        copy.cells = zip(cells, hidden).map { cell, hide in
            hide ? FigureCell(value: nil, suppressed: true) : cell
        }
        return copy
    }
}

/// A whole figure, as the page, the API and the CSV give it.
struct FigureTable: Encodable, Sendable {
    let figure: ObservatoryFigure
    let title: String
    let keyLabel: String
    let columns: [FigureColumn]
    private(set) var rows: [FigureRow]
    let filters: Filters
    let smallCellsHidden: Bool

    struct Filters: Encodable, Sendable {
        let territory: String?
        let commune: String?
        let year: Int

        enum CodingKeys: String, CodingKey {
            case territory, commune, year
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(territory, forKey: .territory)
            try container.encode(commune, forKey: .commune)
            try container.encode(year, forKey: .year)
        }
    }

    init(figure: ObservatoryFigure, rows: [FigureRow], filter: ObservatoryFilter, public isPublic: Bool) {
        self.figure = figure
        title = figure.title
        keyLabel = figure.keyLabel
        columns = figure.columns
        self.rows = isPublic ? rows.map { $0.suppressingSmallCells(figure.columns) } : rows
        filters = Filters(territory: filter.territorySlug, commune: filter.communeCode, year: filter.year)
        smallCellsHidden = isPublic
    }

    /// The `limit` rows of largest first value, in their key order: what a page shows of a figure
    /// of thousands of lines (every commune of France); the CSV and the API keep them all.
    func largest(_ limit: Int) -> FigureTable {
        guard rows.count > limit else { return self }
        let size: [Double] = rows.map { row in row.cells.first?.value ?? -1 }
        let largestFirst = rows.indices.sorted { size[$0] > size[$1] }
        let kept = Set(largestFirst.prefix(limit))
        var copy = self
        copy.rows = rows.indices.filter { kept.contains($0) }.map { rows[$0] }
        return copy
    }
}
