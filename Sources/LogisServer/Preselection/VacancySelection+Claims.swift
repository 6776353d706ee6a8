import Fluent
import Foundation
import LogisCore
import SQLKit

extension VacancySelection {
    /// Sets the selection date if none is set yet; false when another selection came first.
    static func claim(_ vacancy: Vacancy, at now: Date, on db: any Database) async throws -> Bool {
        try await ConditionalWrite.update(
            """
            UPDATE vacancies SET selected_at = \(bind: now) \
            WHERE id = \(bind: try vacancy.requireID()) AND selected_at IS NULL \
            AND status = \(bind: Vacancy.Status.open.rawValue)
            """, on: db)
    }

    /// Moves the request to `en_instruction` only if it is still waiting: a request is kept for
    /// one vacancy at a time, even when two bailleurs choose it at the same moment.
    static func claimWaiting(_ request: HousingRequest, on db: any Database) async throws -> Bool {
        let waiting = RankingTable.rankedStatuses.map(\.rawValue).sorted()
        return try await ConditionalWrite.update(
            """
            UPDATE housing_requests SET status = \(bind: RequestStatus.enInstruction.rawValue) \
            WHERE id = \(bind: try request.requireID()) AND status IN (\(binds: waiting))
            """, on: db)
    }
}
