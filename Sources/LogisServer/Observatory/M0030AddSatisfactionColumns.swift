import Fluent
import Foundation
import LogisCore
import SQLKit

/// The observatory's attributions of a year are satisfied requests: the day of the satisfaction
/// (Europe/Paris) and the wait in days since the first filing become columns, so a year's count,
/// mean and median are one indexed aggregate on both databases (no date arithmetic in SQL, which
/// SQLite and PostgreSQL spell differently). Existing satisfied requests are filled in pages.
struct M0030AddSatisfactionColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(HousingRequest.schema).field("satisfied_on", .string).update()
        try await database.schema(HousingRequest.schema).field("waited_days", .int).update()
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_satisfied",
            columns: ["territory_id", "satisfied_on", "waited_days"])
        try await fillSatisfiedRows(on: database)
    }

    struct Row: Decodable {
        let id: UUID
        let firstFiledOn: String?
        let radiatedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id
            case firstFiledOn = "first_filed_on"
            case radiatedAt = "radiated_at"
        }
    }

    /// Plain SQL in pages of 500: a migration reads only the columns that exist at its point.
    private func fillSatisfiedRows(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        var lastID: UUID?
        while true {
            let after: SQLQueryString = lastID.map { "AND id > \(bind: $0)" } ?? ""
            let page = try await sql.raw(
                """
                SELECT id, first_filed_on, radiated_at FROM housing_requests \
                WHERE status = 'satisfaite' \(after) ORDER BY id LIMIT 500
                """
            ).all(decoding: Row.self)
            guard let last = page.last else { return }
            for row in page {
                let columns = SatisfactionColumns(firstFiledOn: row.firstFiledOn, satisfiedAt: row.radiatedAt)
                try await sql.raw(
                    """
                    UPDATE housing_requests SET satisfied_on = \(bind: columns.satisfiedOn), \
                    waited_days = \(bind: columns.waitedDays) WHERE id = \(bind: row.id)
                    """
                ).run()
            }
            lastID = last.id
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS housing_requests_satisfied").run()
        }
        try await database.schema(HousingRequest.schema).deleteField("satisfied_on").update()
        try await database.schema(HousingRequest.schema).deleteField("waited_days").update()
    }
}

/// The day a request was satisfied (Europe/Paris) and its wait in days since the first filing.
struct SatisfactionColumns: Equatable {
    let satisfiedOn: String?
    let waitedDays: Int?

    init(firstFiledOn: String?, satisfiedAt: Date?) {
        guard let satisfiedAt else {
            satisfiedOn = nil
            waitedDays = nil
            return
        }
        let day = CalendarDate.today(now: satisfiedAt)
        satisfiedOn = day.iso
        waitedDays = firstFiledOn.flatMap { try? CalendarDate(iso: $0) }.map { day.dayNumber - $0.dayNumber }
    }
}
