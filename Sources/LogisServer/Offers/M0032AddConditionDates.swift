import Fluent
import SQLKit

/// A conditional attribution (CCH R441-3: « attribution sous condition suspensive ») waits for a
/// piece by a deadline: the day the bailleur received it, or the day the daily job found it
/// missing, is kept with the decision. Plain SQL, and no model field: earlier migrations load
/// the decision model, which must not ask for columns that do not exist yet.
struct M0032AddConditionDates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE caleol_decisions ADD COLUMN condition_met_on VARCHAR(10)").run()
        try await sql.raw("ALTER TABLE caleol_decisions ADD COLUMN condition_lapsed_on VARCHAR(10)").run()
        try await sql.raw("CREATE INDEX caleol_decisions_deadline ON caleol_decisions (code, deadline)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS caleol_decisions_deadline").run()
        try await sql.raw("ALTER TABLE caleol_decisions DROP COLUMN condition_lapsed_on").run()
        try await sql.raw("ALTER TABLE caleol_decisions DROP COLUMN condition_met_on").run()
    }
}
