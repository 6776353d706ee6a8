import Fluent
import SQLKit

/// A réservataire's report reads one territory's vacancies of a year and the leases signed that
/// year: one index range each, instead of every vacancy or offer of the country.
struct M0035AddReservataireReportIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.index(
            on: Vacancy.schema, named: "vacancies_territory_available", columns: ["territory_id", "available_on"])
        try await database.index(on: OfferRecord.schema, named: "offers_lease_signed", columns: ["lease_signed_on"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "offers_lease_signed").run()
        try await sql.drop(index: "vacancies_territory_available").run()
    }
}
