import Fluent

/// The runs of the daily jobs (issue 12), one per job and day, and the indexes the jobs select
/// through: anniversaries and striking-off days across territories, offers by state and deadline.
struct M0019CreateJobRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(JobRun.schema)
            .id()
            .field("job", .string, .required)
            .field("day", .string, .required)
            .field("status", .string, .required)
            .field("owner", .uuid, .required)
            .field("started_at", .datetime, .required)
            .field("heartbeat_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("processed", .int, .required)
            .field("sent", .int, .required)
            .field("errors", .int, .required)
            .field("cursor", .uuid)
            .field("error", .string)
            .field("claims", .int, .required)
            .unique(on: "job", "day")
            .create()
        // The existing indexes lead with the territory (the desk's lists); a national job reads
        // every territory at once.
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_anniversary_all", columns: ["anniversary_on"])
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_strike_off_all", columns: ["strike_off_on"])
        try await database.index(
            on: OfferRecord.schema, named: "offers_state_deadline", columns: ["state", "deadline"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobRun.schema).delete()
    }
}
