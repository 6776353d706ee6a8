import Fluent
import LogisCore
import SQLKit
import Vapor

/// What the applicant's `GET /api/v1/requests/{reference}` shows of their request, read as one
/// plain row: the hottest read of the API skips hydrating the request's forty columns.
struct OwnedRequestRow: Decodable {
    let id: UUID
    let status: RequestStatus
    let nud: String?
    let firstFiledOn: String?
    let renewals: Int
    let form: RequestForm

    /// The request by id or NUD, visible to this applicant only (`RequestLookup.owned`'s rule).
    static func find(_ reference: String, by account: Account, on db: any Database) async throws -> OwnedRequestRow {
        guard let sql = db as? any SQLDatabase else { throw RequestLookup.notFound }
        let match: SQLQueryString
        if let id = UUID(uuidString: reference) {
            match = "id = \(bind: id)"
        } else {
            match = "nud = \(bind: reference.uppercased())"
        }
        let row = try await sql.raw(
            """
            SELECT id AS "id", status AS "status", nud AS "nud", first_filed_on AS "firstFiledOn", \
            renewals AS "renewals", form AS "form" FROM housing_requests \
            WHERE account_id = \(bind: try account.requireID()) AND \(match) LIMIT 1
            """
        ).first(decoding: OwnedRequestRow.self)
        guard let row else { throw RequestLookup.notFound }
        return row
    }
}

extension RequestDTO {
    init(_ row: OwnedRequestRow) {
        self.init(
            id: row.id, status: row.status, nud: row.nud, firstFiledOn: row.firstFiledOn, renewals: row.renewals,
            form: row.form)
    }
}
