import Fluent
import LogisCore
import Vapor

/// Finds requests of the agent's territory by NUD, name, birth date, commune and status.
enum RequestSearch {
    struct Criteria {
        var text: String
        var birthDate: String
        var commune: String
        var status: String

        var isEmpty: Bool {
            [text, birthDate, commune, status].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }

        var values: [String: String] { ["q": text, "naissance": birthDate, "commune": commune, "statut": status] }
    }

    static let limit = 50

    /// Which kinds of criteria were used, never their values (the audit log holds no personal data).
    static func auditReason(_ criteria: Criteria, results: Int) -> String {
        let kinds = [
            ("texte", criteria.text), ("naissance", criteria.birthDate), ("commune", criteria.commune),
            ("statut", criteria.status),
        ].filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.0)
        return "recherche (\(kinds.joined(separator: ", "))) : \(results) résultat(s)"
    }

    static func run(_ criteria: Criteria, for agent: Account, on db: any Database) async throws -> [QueueItem] {
        if !criteria.status.isEmpty, RequestStatus(rawValue: criteria.status) == nil {
            throw LogisError(.badRequest, code: "invalid_status", message: "Statut inconnu pour la recherche.")
        }
        if !criteria.birthDate.isEmpty, FormFields.parseDate(criteria.birthDate) == nil {
            throw LogisError(.badRequest, code: "invalid_date", message: "Date de naissance invalide (JJ/MM/AAAA).")
        }
        let query = AgentScope.restrict(HousingRequest.query(on: db), to: agent)
        let text = criteria.text.trimmingCharacters(in: .whitespaces)
        if let status = RequestStatus(rawValue: criteria.status) { query.filter(\.$status == status) }
        if !criteria.commune.isEmpty {
            let ids = try await RequestWish.query(on: db).join(
                Commune.self, on: \RequestWish.$commune.$id == \Commune.$id
            )
            .filter(Commune.self, \.$name == criteria.commune).all().map(\.$request.id)
            query.filter(\.$id ~~ ids)
        }
        let compactNUD = text.uppercased().filter { $0.isLetter || $0.isNumber }
        if compactNUD.count == NUD.length {
            query.filter(\.$nud == compactNUD)
        }
        let birth = FormFields.parseDate(criteria.birthDate)?.iso
        let candidates = try await query.sort(\.$firstFiledOn, .descending).limit(2_000).all()
        let name = DuplicateDetection.normalise(text)
        let matches = candidates.filter { request in
            if let birth, request.form.applicant?.birthDate != birth { return false }
            guard !name.isEmpty, compactNUD.count != NUD.length else { return true }
            let applicant = request.form.applicant
            let haystack = DuplicateDetection.normalise(
                [applicant?.lastName, applicant?.birthName, applicant?.firstName, request.nud].compactMap { $0 }
                    .joined(separator: " "))
            return name.split(separator: " ").allSatisfy { haystack.contains($0) }
        }
        return matches.prefix(limit).map { request in
            let birth = request.form.applicant.map { " · né(e) le \(RequestSummary.display($0.birthDate))" } ?? ""
            return WorkQueues.item(request, detail: request.status.label + birth, due: nil, today: .today())
        }
    }
}
