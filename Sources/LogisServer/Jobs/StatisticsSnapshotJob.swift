import Fluent
import Foundation
import LogisCore
import SQLKit

/// `statistics-snapshot`: one territory at a time, the day's count of live registered requests
/// by status and first wished typology, written in one `INSERT … SELECT` grouped by the database
/// (M0029). The rows of a (day, territory) are written together or not at all: a run resumed
/// after a kill skips the territories already counted.
struct StatisticsSnapshotJob: DailyJob {
    var name: String { "statistics-snapshot" }

    /// Waiting for a dwelling or about to get one; drafts are not requests yet, struck-off and
    /// satisfied ones are counted by the observatory from their own dates.
    static let counted: [RequestStatus] = [.enregistree, .active, .enInstruction, .attribuee]

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        try await Territory.ids(after: cursor, limit: limit, on: context.app.db)
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let statuses = SQLList(Self.counted.map { SQLBind($0.rawValue) })
        try await sql.raw(
            """
            INSERT INTO statistics_snapshots (day, territory_id, status, typology, requests) \
            SELECT \(bind: context.day.iso), territory_id, status, COALESCE(primary_typology, ''), COUNT(*) \
            FROM housing_requests WHERE territory_id = \(bind: item) AND status IN (\(statuses)) \
            GROUP BY territory_id, status, COALESCE(primary_typology, '') \
            ON CONFLICT (day, territory_id, status, typology) DO NOTHING
            """
        ).run()
        return 0
    }
}

/// One row of the snapshot, as the observatory and the tests read it.
struct StatisticsSnapshotRow: Codable, Equatable, Sendable {
    let day: String
    let status: String
    let typology: String
    let requests: Int

    static func of(territory: UUID, day: CalendarDate, on db: any Database) async throws -> [StatisticsSnapshotRow] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw(
            """
            SELECT day, status, typology, requests FROM statistics_snapshots \
            WHERE territory_id = \(bind: territory) AND day = \(bind: day.iso) ORDER BY status, typology
            """
        ).all(decoding: StatisticsSnapshotRow.self)
    }
}
