import Fluent
import SQLKit

/// The housing stock (résidences, dwellings), vacancies with their kept candidates, and the
/// ranking table the pre-selection reads (DOMAIN.md §8); communes get their INSEE code,
/// accounts their organisation, réservataires the contingent they hold.
struct M0016CreateStock: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Commune.schema).field("insee_code", .string).update()
        try await database.schema(Organisation.schema).field("reservataire_code", .string).update()
        try await database.schema(Account.schema)
            .field("organisation_id", .uuid, .references(Organisation.schema, .id)).update()
        for commune in try await Commune.query(on: database).field(\.$id).field(\.$name).field(\.$postalCode).all() {
            guard let code = CommuneCodes.code(name: commune.name, postalCode: commune.postalCode) else { continue }
            try await Commune.query(on: database).filter(\.$id == (try commune.requireID()))
                .set(\.$inseeCode, to: code).update()
        }
        try await createStock(on: database)
        try await createVacancies(on: database)
        try await RankingTable.create(on: database)
    }

    private func createStock(on database: any Database) async throws {
        try await database.schema(Residence.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("territory_id", .uuid, .required, .references(Territory.schema, .id))
            .field("commune_id", .uuid, .required, .references(Commune.schema, .id))
            .field("reference", .string, .required)
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("qpv", .bool, .required)
            .unique(on: "organisation_id", "reference")
            .create()
        try await database.schema(StockDwelling.schema)
            .id()
            .field("residence_id", .uuid, .required, .references(Residence.schema, .id))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("reference", .string, .required)
            .field("typology", .string, .required)
            .field("surface", .int, .required)
            .field("floor", .int, .required)
            .field("elevator", .bool, .required)
            .field("accessibility", .int, .required)
            .field("financing", .string, .required)
            .field("rent", .int, .required)
            .field("charges", .int, .required)
            .field("reservataire", .string, .required)
            .field("occupancy", .string, .required)
            .unique(on: "organisation_id", "reference")
            .create()
        try await database.index(on: StockDwelling.schema, named: "dwellings_residence", columns: ["residence_id"])
    }

    private func createVacancies(on database: any Database) async throws {
        try await database.schema(Vacancy.schema)
            .id()
            .field("dwelling_id", .uuid, .required, .references(StockDwelling.schema, .id))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("territory_id", .uuid, .required, .references(Territory.schema, .id))
            .field("commune_code", .string, .required)
            .field("available_on", .string, .required)
            .field("status", .string, .required)
            .field("declared_by", .uuid, .required)
            .field("declared_at", .datetime, .required)
            .field("selection_justification", .string)
            .field("selected_at", .datetime)
            .create()
        try await database.index(
            on: Vacancy.schema, named: "vacancies_organisation", columns: ["organisation_id", "status", "available_on"])
        try await database.index(on: Vacancy.schema, named: "vacancies_dwelling", columns: ["dwelling_id", "status"])
        try await database.schema(VacancyCandidate.schema)
            .id()
            .field("vacancy_id", .uuid, .required, .references(Vacancy.schema, .id))
            .field("request_id", .uuid, .required, .references(HousingRequest.schema, .id))
            .field("nud", .string, .required)
            .field("position", .int, .required)
            .field("score", .int, .required)
            .field("origin", .string, .required)
            .field("justification", .string)
            .field("explanation", .string, .required)
            .field("selected_by", .uuid, .required)
            .field("selected_at", .datetime, .required)
            .unique(on: "vacancy_id", "request_id")
            .unique(on: "vacancy_id", "position")
            .create()
        try await database.index(
            on: VacancyCandidate.schema, named: "vacancy_candidates_request", columns: ["request_id"])
    }

    func revert(on database: any Database) async throws {
        try await RankingTable.drop(on: database)
        for schema in [VacancyCandidate.schema, Vacancy.schema, StockDwelling.schema, Residence.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(Account.schema).deleteField("organisation_id").update()
        try await database.schema(Organisation.schema).deleteField("reservataire_code").update()
        try await database.schema(Commune.schema).deleteField("insee_code").update()
    }
}
