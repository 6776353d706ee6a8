import Fluent
import Vapor

/// The observatory's page: the filter form (GET, labelled) and each figure as a table, a chart
/// and a CSV link.
enum ObservatoryPage {
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Figure: Encodable {
        let id: String
        let title: String
        let keyLabel: String
        let columns: [String]
        let rows: [Row]
        /// A figure of more than `shownRows` lines shows its largest; the CSV has them all.
        let allRows: Int
        let shownRows: Int
        let svg: String
        let csv: String
        let api: String
    }

    struct Row: Encodable {
        let label: String
        let cells: [String]
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let isPublic: Bool
        let action: String
        let allTerritories: Bool
        let territories: [Option]
        let communes: [Option]
        /// No territory chosen: the communes are offered once one is.
        let communesWaitForTerritory: Bool
        let years: [Option]
        let year: Int
        let scopeLabel: String
        /// Where « Tous les chiffres (ZIP) » posts, with the filter; nil on the public page.
        let exportAction: String?
        /// « le 29/11/2026 à 04 h 10 » for the national figures, computed once a day.
        let computedOn: String?
        let figures: [Figure]
    }

    /// Lines of a figure on the page: a territory's communes fit; all of France's are in the CSV.
    static let shownRows = 50

    static func render(
        _ req: Request, filter: ObservatoryFilter, scope: UUID?, public isPublic: Bool
    ) async throws
        -> View
    {
        var territoryQuery = Territory.query(on: req.db).sort(\.$name)
        if let scope { territoryQuery = territoryQuery.filter(\.$id == scope) }
        let territories = try await territoryQuery.all()
        // Over all territories the list would hold every commune of France: a commune is chosen
        // within a territory, once the territory is chosen (the API takes any commune code).
        var communes: [CommuneList.Entry] = []
        if let territory = filter.territoryID {
            communes = try await CommuneList.load(on: req.db, territory: territory).entries
        } else if let code = filter.communeCode {
            communes = try await CommuneList.load(on: req.db).entries.filter { $0.code == code }
        }
        let thisYear = req.today.year
        var query = "annee=\(filter.year)"
        if let slug = filter.territorySlug { query += "&territoire=\(slug)" }
        if let code = filter.communeCode { query += "&commune=\(code)" }
        let base = isPublic ? "/observatoire/public" : "/observatoire"
        var figures: [Figure] = []
        var computedAt: Date?
        for figure in ObservatoryFigure.allCases {
            let (whole, computed) = try await ObservatoryController.computedTable(
                figure, req, filter: filter, public: isPublic)
            computedAt = [computedAt, computed].compactMap { $0 }.min()
            let table = whole.largest(Self.shownRows)
            figures.append(
                Figure(
                    id: figure.rawValue, title: table.title, keyLabel: table.keyLabel,
                    columns: table.columns.map(\.label),
                    rows: table.rows.map { Row(label: $0.label, cells: $0.cells.map(\.text)) },
                    allRows: whole.rows.count, shownRows: table.rows.count,
                    svg: FigureChart.svg(table, id: "graphique-\(figure.rawValue)"),
                    csv: "\(base)/csv/\(figure.rawValue)?\(query)",
                    api: "/api/v1/stats/\(isPublic ? "public/" : "")\(figure.rawValue)?\(query)"))
        }
        let commune = communes.first { $0.code == filter.communeCode }
        let territory = territories.first { $0.id == filter.territoryID }
        let scopeLabel = [commune?.label, territory?.name].compactMap { $0 }.first ?? "tous les territoires"
        let title = isPublic ? "Observatoire du logement social" : "Observatoire – pilotage"
        let page = Page(
            layout: req.layoutContext(title: title), isPublic: isPublic, action: base, allTerritories: scope == nil,
            territories: territories.map {
                Option(value: $0.slug, label: $0.name, selected: $0.id == filter.territoryID)
            },
            communes: communes.map { Option(value: $0.code, label: $0.label, selected: $0.code == filter.communeCode) },
            communesWaitForTerritory: filter.territoryID == nil,
            years: (max(2000, thisYear - 5)...thisYear).reversed().map {
                Option(value: String($0), label: String($0), selected: $0 == filter.year)
            },
            year: filter.year, scopeLabel: scopeLabel, exportAction: isPublic ? nil : "/observatoire/exports?\(query)",
            computedOn: computedAt.map(Self.frenchInstant),
            figures: figures)
        return try await req.view.render("observatory/page", page)
    }

    /// « le 29/11/2026 à 04 h 10 », Paris time.
    static func frenchInstant(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        let c = calendar.dateComponents([.day, .month, .year, .hour, .minute], from: date)
        return String(
            format: "le %02d/%02d/%04d à %02d h %02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0
        )
    }
}
