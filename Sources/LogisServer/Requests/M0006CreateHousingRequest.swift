import Fluent

struct M0006CreateHousingRequest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingRequest.schema)
            .id()
            .field("account_id", .uuid, .references(Account.schema, .id))
            .field("territory_id", .uuid, .references(Territory.schema, .id))
            .field("status", .string, .required)
            .field("nud", .string)
            .field("form", .json, .required)
            .field("first_filed_on", .string)
            .field("registered_at", .datetime)
            .field("renewals", .int, .required)
            .field("desk_code", .string)
            .field("registered_by", .uuid)
            .field("household_persons", .int, .required)
            .field("income_rfr", .int)
            .field("radiation_motif", .string)
            .field("radiated_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "nud")
            .create()
        try await database.index(on: HousingRequest.schema, named: "housing_requests_account", columns: ["account_id"])
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_territory_status", columns: ["territory_id", "status"])
        try await database.schema(RequestWish.schema)
            .id()
            .field("request_id", .uuid, .required, .references(HousingRequest.schema, .id, onDelete: .cascade))
            .field("commune_id", .uuid, .required, .references(Commune.schema, .id))
            .field("rank", .int, .required)
            .unique(on: "request_id", "commune_id")
            .create()
        try await database.index(on: RequestWish.schema, named: "request_wishes_commune", columns: ["commune_id"])
        try await database.schema(RequestEvent.schema)
            .id()
            .field("request_id", .uuid, .required, .references(HousingRequest.schema, .id, onDelete: .cascade))
            .field("occurred_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("label", .string, .required)
            .field("comment", .string)
            .field("actor_account_id", .uuid)
            .field("actor_role", .string)
            .create()
        try await database.index(
            on: RequestEvent.schema, named: "request_events_request", columns: ["request_id", "occurred_at"])
        try await database.schema(NUDCounter.table)
            .field("counter_key", .string, .required)
            .field("last_value", .int, .required)
            .unique(on: "counter_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [NUDCounter.table, RequestEvent.schema, RequestWish.schema, HousingRequest.schema] {
            try await database.schema(schema).delete()
        }
    }
}
