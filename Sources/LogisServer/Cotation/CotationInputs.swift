import Foundation
import LogisCore
import SQLKit

/// What the grid needs of many requests at once, read as plain rows: the columns it scores, the
/// stored score it may replace, the territory's grid, and the form's answers picked out by the
/// database (`CotationAnswers`) rather than the whole form decoded here. The nightly recompute
/// read each request through its model (1.4 ms of CPU a request, its whole form decoded);
/// at 2.7 million requests that alone was an hour.
struct CotationInputs: Decodable, Sendable {
    var id: UUID
    var territoryID: UUID?
    var nud: String?
    var cotationGrid: String?
    var firstFiledOn: String?
    var priorities: String?
    var validatedCriteria: String?
    var offerRefusals: Int?
    var score: Int?
    var gridVersion: Int?
    var gridHash: String?
    var pendingCriteria: Int?
    /// `CotationAnswers` as JSON text.
    var answers: String

    enum CodingKeys: String, CodingKey {
        case id, nud, priorities, score, answers
        case territoryID = "territory_id"
        case cotationGrid = "cotation_grid"
        case firstFiledOn = "first_filed_on"
        case validatedCriteria = "validated_criteria"
        case offerRefusals = "offer_refusals"
        case gridVersion = "grid_version"
        case gridHash = "grid_hash"
        case pendingCriteria = "pending_criteria"
    }

    /// The columns as `CotationAnswers.facts` takes them, read as the model reads them; an unknown
    /// priority code throws.
    func columns() throws -> CotationAnswers.Columns {
        .init(
            firstFiledOn: firstFiledOn, priorities: try HousingRequest.priorityCriteria(stored: priorities),
            validatedCriteria: Set(HousingRequest.codes(validatedCriteria)), offerRefusals: offerRefusals)
    }

    /// The requests `condition` keeps (written over `r`, the requests, e.g. `r.id > …`), in id order.
    static func read(
        _ condition: SQLQueryString, limit: Int? = nil, on sql: any SQLDatabase
    ) async throws -> [CotationInputs] {
        let limitClause: SQLQueryString = limit.map { " LIMIT \(literal: $0)" } ?? ""
        let query: SQLQueryString =
            """
            SELECT r.id, r.territory_id, r.nud, t.cotation_grid, r.first_filed_on, r.priorities, \
            r.validated_criteria, r.offer_refusals, r.score, r.grid_version, r.grid_hash, r.pending_criteria, \
            \(unsafeRaw: answersExpression(sql.dialect.name)) AS answers \
            FROM housing_requests r LEFT JOIN territories t ON t.id = r.territory_id \
            WHERE \(condition) ORDER BY r.id\(limitClause)
            """
        return try await sql.raw(query).all(decoding: CotationInputs.self)
    }

    /// The answers as one small JSON object, built by the database: PostgreSQL's jsonb functions
    /// or SQLite's JSON1. Both read the same paths of the form; `json(…)` keeps SQLite's booleans
    /// and strings as JSON values rather than text.
    static func answersExpression(_ dialect: String) -> String {
        let paths: [(key: String, path: [String])] = [
            ("postalCode", ["applicant", "postalCode"]), ("city", ["applicant", "city"]),
            ("coApplicant", ["coApplicant", "present"]), ("expectingChild", ["dependents", "expectingChild"]),
            ("housingStatus", ["housing", "status"]), ("rent", ["housing", "monthlyRent"]),
            ("motifs", ["reasons", "motifs"]), ("violence", ["situation", "violence"]),
            ("disabled", ["situation", "disabledPersons"]),
        ]
        let incomes = ["applicantMonthlyIncome", "coApplicantMonthlyIncome", "otherMonthlyIncome"]
        if dialect == "postgresql" {
            let fields = paths.map { "'\($0.key)', r.form->'\($0.path.joined(separator: "'->'"))'" }
            return """
                jsonb_build_object(\(fields.joined(separator: ", ")), \
                'relationships', jsonb_path_query_array(r.form, '$.dependents.people[*].relationship'), \
                'incomes', jsonb_build_array(\(incomes.map { "r.form->'resources'->'\($0)'" }.joined(separator: ", ")))\
                )::text
                """
        }
        let fields = paths.map { "'\($0.key)', json(r.form->'$.\($0.path.joined(separator: "."))')" }
        return """
            json_object(\(fields.joined(separator: ", ")), \
            'relationships', json((SELECT json_group_array(value->>'relationship') FROM json_each(r.form, '$.dependents.people'))), \
            'incomes', json_array(\(incomes.map { "json(r.form->'$.resources.\($0)')" }.joined(separator: ", "))))
            """
    }
}

extension TerritoryCommuneNames {
    /// The communes of `territories` bearing one of `postalCodes`, by territory: all « réside sur
    /// le territoire » needs for a page of requests, in one query.
    static func read(
        territories: Set<UUID>, postalCodes: Set<String>, on sql: any SQLDatabase
    ) async throws -> [UUID: TerritoryCommuneNames] {
        guard !territories.isEmpty, !postalCodes.isEmpty else { return [:] }
        struct Row: Decodable {
            var territoryID: UUID
            var postalCode: String
            var name: String

            enum CodingKeys: String, CodingKey {
                case name
                case territoryID = "territory_id"
                case postalCode = "postal_code"
            }
        }
        let rows = try await sql.raw(
            """
            SELECT territory_id, postal_code, name FROM communes \
            WHERE territory_id IN (\(SQLList(territories.map { SQLBind($0) }))) \
            AND postal_code IN (\(SQLList(postalCodes.map { SQLBind($0) })))
            """
        ).all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.territoryID).mapValues {
            TerritoryCommuneNames($0.map { (postalCode: $0.postalCode, name: $0.name) })
        }
    }
}
