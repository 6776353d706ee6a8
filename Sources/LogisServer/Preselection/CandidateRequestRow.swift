import Fluent
import LogisCore
import SQLKit
import Vapor

/// What explaining a candidate reads of its request: the columns the pre-selection facts
/// (`RequestRankingFacts`) and the cotation (`RequestCotation.facts`) read, as plain rows for
/// just the ranked ids, in one query.
struct CandidateRequestRow: Decodable {
    let id: UUID
    let territoryID: UUID?
    let status: RequestStatus
    let nud: String?
    let firstFiledOn: String?
    let renewals: Int
    let householdPersons: Int
    let score: Int?
    let priorities: String?
    let validatedCriteria: String?
    let offerRefusals: Int?
    let form: RequestForm

    static func find(_ ids: [UUID], on db: any Database) async throws -> [UUID: CandidateRequestRow] {
        guard let sql = db as? any SQLDatabase, !ids.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT id AS "id", territory_id AS "territoryID", status AS "status", nud AS "nud", \
            first_filed_on AS "firstFiledOn", renewals AS "renewals", household_persons AS "householdPersons", \
            score AS "score", priorities AS "priorities", validated_criteria AS "validatedCriteria", \
            offer_refusals AS "offerRefusals", form AS "form" \
            FROM housing_requests WHERE id IN (\(ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")))
            """
        ).all(decoding: CandidateRequestRow.self)
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The request as the rules read it, built from the row without hydrating a model. It is
    /// never saved; the columns not read (names, contact, list columns) stay unset.
    var request: HousingRequest {
        let request = HousingRequest(accountID: nil, form: form)
        request.id = id
        request.$territory.id = territoryID
        request.status = status
        request.nud = nud
        request.firstFiledOn = firstFiledOn
        request.renewals = renewals
        request.householdPersons = householdPersons
        request.score = score
        request.priorities = priorities
        request.validatedCriteria = validatedCriteria
        request.offerRefusals = offerRefusals
        return request
    }
}
