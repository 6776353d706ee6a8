/// The observatory's figures (DOMAIN.md §13, docs/rules/observatory.md). The raw value names the
/// figure in URLs, the API and the CSV file.
enum ObservatoryFigure: String, CaseIterable, Sendable, Encodable {
    case stockByCommune = "stock-by-commune"
    case stockByBailleur = "stock-by-bailleur"
    case stockByTypology = "stock-by-typology"
    case stockByFinancing = "stock-by-financing"
    case pendingByCommune = "pending-by-commune"
    case pendingByTypology = "pending-by-typology"
    case pressure
    case wait
    case attributionsByQuartile = "attributions-by-quartile"
    case attributionsToPriority = "attributions-to-priority"
    case monthlyLifecycle = "renewals-and-strike-offs"

    enum Chart: Sendable {
        /// One horizontal bar per row, for the first column.
        case bars
        /// One bar per column of the single row.
        case columnBars
        /// One line per column, over the rows (months).
        case lines
    }

    var title: String {
        switch self {
        case .stockByCommune: "Logements sociaux par commune"
        case .stockByBailleur: "Logements sociaux par bailleur"
        case .stockByTypology: "Logements sociaux par typologie"
        case .stockByFinancing: "Logements sociaux par financement"
        case .pendingByCommune: "Demandes en attente par commune souhaitée"
        case .pendingByTypology: "Demandes en attente par typologie recherchée"
        case .pressure: "Pression de la demande"
        case .wait: "Délai d’attente des attributions de l’année"
        case .attributionsByQuartile: "Attributions de l’année par quartile de revenus"
        case .attributionsToPriority: "Attributions de l’année aux publics prioritaires"
        case .monthlyLifecycle: "Renouvellements et radiations par mois"
        }
    }

    /// The row's key column, then the figures.
    var keyLabel: String {
        switch self {
        case .stockByCommune, .pendingByCommune: "Commune"
        case .stockByBailleur: "Bailleur"
        case .stockByTypology, .pendingByTypology: "Typologie"
        case .stockByFinancing: "Financement"
        case .pressure, .wait: "Périmètre"
        case .attributionsByQuartile: "Quartile de revenus par unité de consommation"
        case .attributionsToPriority: "Ménages"
        case .monthlyLifecycle: "Mois"
        }
    }

    var columns: [FigureColumn] {
        switch self {
        case .stockByCommune, .stockByBailleur, .stockByTypology, .stockByFinancing:
            [FigureColumn(key: "dwellings", label: "Logements", unit: .dwellings)]
        case .pendingByCommune, .pendingByTypology:
            [FigureColumn(key: "requests", label: "Demandes en attente", unit: .households)]
        case .pressure:
            [
                FigureColumn(key: "pending_requests", label: "Demandes en attente", unit: .households),
                FigureColumn(key: "attributions", label: "Attributions de l’année", unit: .households),
                FigureColumn(
                    key: "requests_per_attribution", label: "Demandes pour une attribution", unit: .derived([0, 1])),
            ]
        case .wait:
            [
                FigureColumn(key: "attributions", label: "Attributions de l’année", unit: .households),
                FigureColumn(key: "median_days", label: "Délai médian (jours)", unit: .derived([0])),
                FigureColumn(key: "mean_days", label: "Délai moyen (jours)", unit: .derived([0])),
            ]
        case .attributionsByQuartile, .attributionsToPriority:
            [
                FigureColumn(key: "attributions", label: "Attributions", unit: .households),
                FigureColumn(key: "share_percent", label: "Part (%)", unit: .derived([0])),
            ]
        case .monthlyLifecycle:
            [
                FigureColumn(key: "renewals", label: "Renouvellements", unit: .households),
                FigureColumn(key: "strike_offs", label: "Radiations", unit: .households),
            ]
        }
    }

    var chart: Chart {
        switch self {
        case .pressure, .wait: .columnBars
        case .monthlyLifecycle: .lines
        default: .bars
        }
    }

    /// For a single-row figure, the columns drawn side by side (same unit): the counts for the
    /// pressure, the two waits for the delay; the table has every column.
    var chartColumns: [Int] {
        switch self {
        case .pressure: [0, 1]
        case .wait: [1, 2]
        default: Array(columns.indices)
        }
    }

    /// Figures whose rows come from a GROUP BY that may be long (every commune, every bailleur):
    /// read and written in pages.
    var isPaged: Bool {
        switch self {
        case .stockByCommune, .stockByBailleur, .stockByTypology, .stockByFinancing, .pendingByCommune,
            .pendingByTypology:
            true
        default: false
        }
    }
}

struct FigureColumn: Encodable, Sendable, Equatable {
    enum Unit: Sendable, Equatable {
        /// Dwellings of the stock: public data (RPLS), never hidden.
        case dwellings
        /// A number of households: hidden on the public side under 5.
        case households
        /// Computed from the row's columns at these positions: hidden when any of them is.
        case derived([Int])
    }

    let key: String
    let label: String
    let unit: Unit

    enum CodingKeys: String, CodingKey {
        case key, label
    }
}
