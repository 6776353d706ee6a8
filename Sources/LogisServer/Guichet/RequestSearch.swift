import Fluent
import LogisCore
import SQLKit
import Vapor

/// Finds requests of the agent's territory by NUD, name, birth date, commune and status, in one
/// SQL query over indexed columns (`M0013AddListColumns`): every request of the territory can
/// be found, however many there are, and nothing is loaded into Swift but the 50 lines shown.
enum RequestSearch {
    struct Criteria {
        var text: String
        var birthDate: String
        var commune: String
        var status: String

        var isEmpty: Bool {
            [text, birthDate, commune, status].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }

        /// A person's name or birth date: such a search goes by POST, never in an address.
        var namesAPerson: Bool {
            !text.trimmingCharacters(in: .whitespaces).isEmpty
                || !birthDate.trimmingCharacters(in: .whitespaces).isEmpty
        }

        var values: [String: String] { ["q": text, "naissance": birthDate, "commune": commune, "statut": status] }
    }

    static let limit = 50

    static let personInAddress = LogisError(
        .badRequest, code: .searchByPersonNeedsPost,
        message: "Une recherche par nom ou date de naissance s’envoie par POST : ces données ne doivent pas "
            + "figurer dans une adresse.")

    /// Which kinds of criteria were used, never their values (the audit log holds no personal data).
    static func auditReason(_ criteria: Criteria, results: Int) -> String {
        let kinds = [
            ("texte", criteria.text), ("naissance", criteria.birthDate), ("commune", criteria.commune),
            ("statut", criteria.status),
        ].filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.0)
        return "recherche (\(kinds.joined(separator: ", "))) : \(results) résultat(s)"
    }

    /// « Lefèvre-Dupont Élise » → " lefevre dupont elise ": lower case, no accents, one space
    /// around each word, so `LIKE '% dup%'` finds a word by its beginning in both databases.
    static func nameTokens(_ parts: [String]) -> String? {
        let words = parts.map(DuplicateDetection.normalise).joined(separator: " ").split(separator: " ")
        guard !words.isEmpty else { return nil }
        return " " + words.joined(separator: " ") + " "
    }

    /// The search of a page or of the API: run for the signed-in agent, then written to the audit
    /// log — which kinds of criteria, and each file shown.
    static func run(_ criteria: Criteria, on req: Request) async throws -> [QueueItem] {
        let results = try await run(criteria, for: try req.requireAccount(), on: req.db)
        try await req.audit(.requestSearch, reason: .searchCriteria(auditReason(criteria, results: results.count)))
        try await req.auditListed(results.map(\.requestID), reason: .search)
        return results
    }

    static func run(_ criteria: Criteria, for agent: Account, on db: any Database) async throws -> [QueueItem] {
        if !criteria.status.isEmpty, RequestStatus(rawValue: criteria.status) == nil {
            throw LogisError(.badRequest, code: .invalidStatus, message: "Statut inconnu pour la recherche.")
        }
        var birth: String?
        if !criteria.birthDate.isEmpty {
            guard let date = FormFields.parseDate(criteria.birthDate) else {
                throw LogisError(.badRequest, code: .invalidDate, message: "Date de naissance invalide (JJ/MM/AAAA).")
            }
            birth = date.iso
        }
        guard let sql = db as? any SQLDatabase else { return [] }
        var conditions: [SQLQueryString] = []
        let territory: UUID? = agent.role == .admin ? nil : AgentScope.territoryID(of: agent) ?? UUID()
        if let territory { conditions.append("r.territory_id = \(bind: territory)") }
        if let status = RequestStatus(rawValue: criteria.status) {
            conditions.append("r.status = \(bind: status.rawValue)")
        }
        if let birth { conditions.append("r.birth_date = \(bind: birth)") }
        let commune = criteria.commune.trimmingCharacters(in: .whitespaces)
        if !commune.isEmpty {
            // The commune by its INSEE code, within the request's own territory.
            conditions.append(
                """
                EXISTS (SELECT 1 FROM request_wishes w JOIN communes c ON c.id = w.commune_id \
                WHERE w.request_id = r.id AND c.insee_code = \(bind: commune) AND c.territory_id = r.territory_id)
                """)
        }
        let text = criteria.text.trimmingCharacters(in: .whitespaces)
        let compactNUD = text.uppercased().filter { $0.isLetter || $0.isNumber }
        var from: SQLQueryString = "housing_requests r"
        let words = DuplicateDetection.normalise(text).split(separator: " ").map(String.init)
        if compactNUD.count == NUD.length, compactNUD.first?.isNumber == true {
            conditions.append("r.nud = \(bind: compactNUD)")
        } else if let first = words.first {
            // Each word typed starts a word of the names (applicant or co-applicant), in any order.
            if sql.dialect.name == "postgresql", words.count == 1 {
                // One word: a semi-join, so PostgreSQL weighs reading the words first (a rare
                // name) against walking the newest files and probing their words (a common one).
                conditions.append(
                    "r.id IN (\(RequestNameWords.matchingIDs(prefix: first, territory: territory, distinct: false)))")
            } else if sql.dialect.name == "postgresql" {
                // Several: the first word's files read by id, each checked for the other words by
                // primary key (a semi-join here walked far more files than the words named).
                let matching = RequestNameWords.matchingIDs(prefix: first, territory: territory, distinct: true)
                from = "(\(matching)) m CROSS JOIN housing_requests r"
                conditions.append("r.id = m.request_id")
                for word in words.dropFirst() { conditions.append(RequestNameWords.alsoMatching(prefix: word)) }
            } else if words.count == 1,
                try await RequestNameWords.count(prefix: first, territory: territory, on: sql)
                    > RequestNameWords.commonWord
            {
                // A common word on SQLite: walking the newest files finds a page of them at once.
                conditions.append(
                    "r.id IN (\(RequestNameWords.matchingIDs(prefix: first, territory: territory, distinct: false)))")
            } else {
                // SQLite would walk the files and read each one's row: it intersects the words'
                // index ranges first, then reads each matching file by id (CROSS JOIN fixes the order).
                let matching = words.map {
                    RequestNameWords.matchingIDs(prefix: $0, territory: territory, distinct: true)
                }.joined(separator: " INTERSECT ")
                from = "(\(matching)) m CROSS JOIN housing_requests r"
                conditions.append("r.id = m.request_id")
            }
        }
        let rows = try await sql.raw(
            """
            SELECT r.id AS "id", r.nud AS "nud", r.display_name AS "displayName", r.status AS "status", \
            r.birth_date AS "birthDate", r.search_name AS "searchName" FROM \(from) \
            WHERE \(conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND ")) \
            ORDER BY r.first_filed_on DESC, r.id LIMIT \(literal: limit)
            """
        ).all(decoding: SearchRow.self)
        let byName = compactNUD.count != NUD.length && !words.isEmpty
        return rows.map { row in
            let status = RequestStatus(rawValue: row.status)?.label ?? row.status
            let born = row.birthDate.map { " · né(e) le \(RequestSummary.display($0))" } ?? ""
            // The list shows the applicant's name: say why a file whose applicant does not match is there.
            let partner = byName && !applicantMatches(words, searchName: row.searchName) ? coApplicantMatch : ""
            return QueueItem(
                requestID: row.id, nud: row.nud, name: row.displayName ?? "(identité non saisie)",
                detail: status + born + partner, due: nil, dueLabel: nil, daysLeft: nil, overdue: false)
        }
    }

    static let coApplicantMatch = " · trouvée par le nom du co-demandeur"

    /// Whether every word typed starts a word of the applicant's own names (`search_name`).
    static func applicantMatches(_ words: [String], searchName: String?) -> Bool {
        let own = (searchName ?? "").split(separator: " ")
        return words.allSatisfy { word in own.contains { $0.hasPrefix(word) } }
    }

    private struct SearchRow: Decodable {
        let id: UUID
        let nud: String?
        let displayName: String?
        let status: String
        let birthDate: String?
        let searchName: String?
    }
}
