import Foundation
import Vapor

/// A report's two tables as CSV for French spreadsheets, written like the observatory's
/// (FigureCSV: BOM, `;`, decimal comma, CRLF), as a stream.
enum ReservataireCSV {
    enum Table: String, Sendable {
        case flux
        case quotas
    }

    static let fluxHeader = [
        "bailleur", "share_percent", "public_agents_percent", "bailleur_vacancies", "vacancies_due",
        "public_agents_due", "vacancies_delivered", "gap",
    ]
    static let quotasHeader = [
        "code", "label", "attributions", "total", "share_percent", "minimum_percent", "met", "shortfall", "note",
    ]

    static func number(_ value: Double?) -> String { value.map(FigureCell.french) ?? "" }
    static func number(_ value: Int?) -> String { value.map(String.init) ?? "" }

    static func line(_ row: ReservataireReport.FluxRow) -> String {
        FigureCSV.line([
            row.bailleur, number(row.sharePercent), number(row.publicAgentsPercent), number(row.bailleurVacancies),
            number(row.vacanciesDue), number(row.publicAgentsDue), number(row.vacanciesDelivered), number(row.gap),
        ])
    }

    static func line(_ quota: ReservataireReport.Quota) -> String {
        FigureCSV.line([
            quota.code, quota.label, number(quota.count), number(quota.total), number(quota.sharePercent),
            number(quota.minimumPercent), quota.met.map { $0 ? "oui" : "non" } ?? "", number(quota.shortfall),
            quota.note ?? "",
        ])
    }

    static func response(_ table: Table, queries: ReservataireReportQueries) -> Response {
        let body = Response.Body(managedAsyncStream: { writer in
            let header = table == .flux ? fluxHeader : quotasHeader
            try await writer.writeBuffer(
                ByteBuffer(bytes: FigureCSV.byteOrderMark + Array(FigureCSV.line(header).utf8)))
            let report = try await queries.report()
            let lines: [String] =
                switch table {
                case .flux: (report.flux + [report.fluxTotal]).map(line)
                case .quotas: report.quotas.map(line)
                }
            try await writer.writeBuffer(ByteBuffer(string: lines.joined()))
        })
        let response = Response(status: .ok, body: body)
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let name = "reservataire-\(table.rawValue)-\(queries.filter.year).csv"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
