import Fluent
import SQLKit

/// The social worker's queue « Critères à valider » lists the requests whose cotation counts a
/// criterion that waits for validation. Which criteria hold is the grid's answer, not a SQL
/// condition: the count is stored with the score (`RequestCotation.refresh`), so the queue is one
/// indexed query like the others. Rows scored before this migration have no count until their
/// next refresh (a change of the request, a validation, a priority flag).
struct M0027AddPendingCriteria: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema).field("pending_criteria", .int).update()
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_pending_criteria",
            columns: ["territory_id", "pending_criteria", "registered_at"])
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS housing_requests_pending_criteria").run()
        }
        try await database.schema(HousingRequest.schema).deleteField("pending_criteria").update()
    }
}
