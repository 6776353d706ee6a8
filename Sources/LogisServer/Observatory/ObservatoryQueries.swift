import Foundation
import SQLKit

/// The SQL behind each figure: aggregates computed by the database (GROUP BY, COUNT, SUM), of
/// which only the grouped rows come back, never the requests or dwellings themselves.
struct ObservatoryQueries: Sendable {
    let sql: any SQLDatabase
    let filter: ObservatoryFilter

    /// Registered and not closed: the SNE's « demandes en cours » (an attributed request whose
    /// lease is not signed is still waiting).
    static let pending: SQLQueryString = "h.status IN ('enregistree', 'active', 'en_instruction', 'attribuee')"

    struct Group: Decodable {
        let code: String?
        let label: String?
        let n: Int
    }

    struct Count: Decodable {
        let n: Int?
    }

    /// One page of a grouped figure, in the order of its key.
    func page(_ figure: ObservatoryFigure, limit: Int, offset: Int) async throws -> [FigureRow] {
        let query: SQLQueryString
        switch figure {
        case .stockByCommune:
            query =
                "SELECT c.insee_code AS code, c.name AS label, COUNT(*) AS n " + stockFrom
                + " GROUP BY c.insee_code, c.name ORDER BY c.insee_code"
        case .stockByBailleur:
            query =
                "SELECT o.name AS code, o.name AS label, COUNT(*) AS n " + stockFrom
                + " GROUP BY o.name ORDER BY o.name"
        case .stockByTypology:
            query =
                "SELECT d.typology AS code, d.typology AS label, COUNT(*) AS n " + stockFrom
                + " GROUP BY d.typology ORDER BY d.typology"
        case .stockByFinancing:
            query =
                "SELECT d.financing AS code, d.financing AS label, COUNT(*) AS n " + stockFrom
                + " GROUP BY d.financing ORDER BY d.financing"
        case .pendingByCommune:
            query = """
                SELECT c.insee_code AS code, c.name AS label, COUNT(*) AS n FROM request_wishes w \
                JOIN housing_requests h ON h.id = w.request_id JOIN communes c ON c.id = w.commune_id \
                WHERE \(Self.pending)
                """ + territory("h.territory_id") + commune("c.insee_code")
                + " GROUP BY c.insee_code, c.name ORDER BY c.insee_code"
        case .pendingByTypology:
            query =
                "SELECT COALESCE(h.primary_typology, '') AS code, COUNT(*) AS n " + pendingFrom
                + " GROUP BY COALESCE(h.primary_typology, '') ORDER BY code"
        default:
            return []
        }
        let rows = try await sql.raw(query + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all(decoding: Group.self)
        return rows.map { row in
            let code = row.code ?? ""
            return FigureRow(
                code: code, label: Self.label(figure, code: code, name: row.label), values: [Double(row.n)])
        }
    }

    static func label(_ figure: ObservatoryFigure, code: String, name: String?) -> String {
        switch figure {
        case .stockByFinancing: code.uppercased()
        case .pendingByTypology: code.isEmpty ? "Non renseignée" : code
        default: name ?? code
        }
    }

    var stockFrom: SQLQueryString {
        """
        FROM dwellings d JOIN residences r ON r.id = d.residence_id JOIN communes c ON c.id = r.commune_id \
        JOIN organisations o ON o.id = d.organisation_id WHERE 1 = 1
        """ + territory("r.territory_id") + commune("c.insee_code")
    }

    /// Pending requests; with a commune, those that wish it (at any rank).
    var pendingFrom: SQLQueryString {
        "FROM housing_requests h WHERE \(Self.pending)" + territory("h.territory_id") + wishes()
    }

    func pendingCount() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n " + pendingFrom).first(decoding: Count.self)?.n ?? 0
    }

    func territory(_ column: String) -> SQLQueryString {
        guard let id = filter.territoryID else { return "" }
        return " AND \(unsafeRaw: column) = \(bind: id)"
    }

    func commune(_ column: String) -> SQLQueryString {
        guard let code = filter.communeCode else { return "" }
        return " AND \(unsafeRaw: column) = \(bind: code)"
    }

    func wishes() -> SQLQueryString {
        guard let code = filter.communeCode else { return "" }
        return """
             AND EXISTS (SELECT 1 FROM request_wishes w JOIN communes c ON c.id = w.commune_id \
            WHERE w.request_id = h.id AND c.insee_code = \(bind: code))
            """
    }
}
