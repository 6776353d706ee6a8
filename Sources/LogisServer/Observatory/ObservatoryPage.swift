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
        let years: [Option]
        let year: Int
        let scopeLabel: String
        let figures: [Figure]
    }

    static func render(
        _ req: Request, filter: ObservatoryFilter, scope: UUID?, public isPublic: Bool
    ) async throws
        -> View
    {
        var territoryQuery = Territory.query(on: req.db).sort(\.$name)
        if let scope { territoryQuery = territoryQuery.filter(\.$id == scope) }
        let territories = try await territoryQuery.all()
        let communes = try await CommuneList.load(on: req.db).entries.filter { entry in
            filter.territoryID.map { $0 == entry.territoryID } ?? true
        }
        let thisYear = req.today.year
        var query = "annee=\(filter.year)"
        if let slug = filter.territorySlug { query += "&territoire=\(slug)" }
        if let code = filter.communeCode { query += "&commune=\(code)" }
        let base = isPublic ? "/observatoire/public" : "/observatoire"
        var figures: [Figure] = []
        for figure in ObservatoryFigure.allCases {
            let table = try await ObservatoryController.table(figure, req, filter: filter, public: isPublic)
            figures.append(
                Figure(
                    id: figure.rawValue, title: table.title, keyLabel: table.keyLabel,
                    columns: table.columns.map(\.label),
                    rows: table.rows.map { Row(label: $0.label, cells: $0.cells.map(\.text)) },
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
            years: (max(2000, thisYear - 5)...thisYear).reversed().map {
                Option(value: String($0), label: String($0), selected: $0 == filter.year)
            },
            year: filter.year, scopeLabel: scopeLabel, figures: figures)
        return try await req.view.render("observatory/page", page)
    }
}
