import Fluent
import Foundation
import SQLKit

extension VacancySelection {
    private struct Claimed: Decodable { let id: UUID }

    /// Sets the selection date if none is set yet; false when another selection came first.
    static func claim(_ vacancy: Vacancy, at now: Date, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.raw(
            """
            UPDATE vacancies SET selected_at = \(bind: now) \
            WHERE id = \(bind: try vacancy.requireID()) AND selected_at IS NULL \
            AND status = \(bind: Vacancy.Status.open.rawValue) RETURNING id
            """
        ).all(decoding: Claimed.self)
        return !rows.isEmpty
    }

    /// Moves the request to `en_instruction` only if it is still waiting: a request is kept for
    /// one vacancy at a time, even when two bailleurs choose it at the same moment.
    static func claimWaiting(_ request: HousingRequest, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let waiting = RankingTable.rankedStatuses.map(\.rawValue).sorted()
        let rows = try await sql.raw(
            """
            UPDATE housing_requests SET status = \(bind: RequestStatus.enInstruction.rawValue) \
            WHERE id = \(bind: try request.requireID()) AND status IN (\(binds: waiting)) RETURNING id
            """
        ).all(decoding: Claimed.self)
        return !rows.isEmpty
    }
}
