import Vapor

/// The réservataires' pages: the list the reader may open, and one report with its year.
enum ReservatairePages {
    struct ListPage: Encodable {
        let layout: LayoutContext
        let entries: [ReservataireReportController.Entry]
    }

    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct ReportPage: Encodable {
        let layout: LayoutContext
        let name: String
        let kindLabel: String
        let year: Int
        let action: String
        let years: [Option]
        let flux: [Row]
        let fluxTotal: Row
        let quotas: [QuotaRow]
        let fluxCSV: String
        let quotasCSV: String
        let json: String
        /// The agreements' form, for those who record them (`FluxAgreementsController.editors`).
        let agreements: String?
    }

    struct Row: Encodable {
        let label: String
        let cells: [String]
    }

    struct QuotaRow: Encodable {
        let label: String
        let cells: [String]
        let note: String?
    }

    static func list(_ req: Request, entries: [ReservataireReportController.Entry]) async throws -> View {
        try await req.view.render(
            "reservataires/list",
            ListPage(layout: req.layoutContext(title: "Bilans des réservataires"), entries: entries))
    }

    static func text(_ value: Double?) -> String { value.map(FigureCell.french) ?? "—" }
    static func text(_ value: Int?) -> String { value.map(String.init) ?? "—" }

    static func cells(_ row: ReservataireReport.FluxRow) -> Row {
        var share = text(row.sharePercent)
        if let agents = row.publicAgentsPercent { share += " (dont \(FigureCell.french(agents)) agents publics)" }
        return Row(
            label: row.bailleur,
            cells: [
                share, text(row.bailleurVacancies), text(row.vacanciesDue), text(row.vacanciesDelivered),
                row.gap > 0 ? "+\(row.gap)" : String(row.gap),
            ])
    }

    static func report(_ req: Request, _ report: ReservataireReport) async throws -> View {
        let id = report.reservataire.id.uuidString
        let thisYear = req.today.year
        let query = "annee=\(report.year)"
        let page = ReportPage(
            layout: req.layoutContext(title: "Bilan \(report.year) – \(report.reservataire.name)"),
            name: report.reservataire.name, kindLabel: report.reservataire.kindLabel, year: report.year,
            action: "/reservataires/\(id)",
            years: (max(2000, thisYear - 5)...thisYear).reversed().map {
                Option(value: String($0), label: String($0), selected: $0 == report.year)
            },
            flux: report.flux.map(cells), fluxTotal: cells(report.fluxTotal),
            quotas: report.quotas.map { quota in
                QuotaRow(
                    label: quota.label,
                    cells: [
                        text(quota.count), text(quota.total), text(quota.sharePercent),
                        quota.minimumPercent.map { "\($0) %" } ?? "—",
                        quota.met.map { $0 ? "Atteint" : "Non atteint" } ?? "—", text(quota.shortfall),
                    ], note: quota.note)
            },
            fluxCSV: "/reservataires/\(id)/csv/flux?\(query)", quotasCSV: "/reservataires/\(id)/csv/quotas?\(query)",
            json: "/api/v1/stats/reservataires/\(id)?\(query)",
            agreements: [.epci, .admin].contains(try req.requireAccount().role)
                ? "/reservataires/\(id)/conventions?\(query)" : nil)
        return try await req.view.render("reservataires/report", page)
    }
}
