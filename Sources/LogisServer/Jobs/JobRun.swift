import Fluent
import Foundation

/// One run of a daily job on one day: the row whose UNIQUE (job, day) makes the job run once,
/// whatever the number of instances (docs/rules/jobs.md).
final class JobRun: Model, @unchecked Sendable {
    static let schema = "job_runs"

    enum Status: String, Codable, Sendable {
        case running
        case done
        case failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "job") var job: String
    /// The day the run is for (ISO date, Europe/Paris), not the day it happened to start.
    @Field(key: "day") var day: String
    @Field(key: "status") var status: Status
    /// Who holds the run: a token drawn at each claim, so a run taken over cannot write any more.
    @Field(key: "owner") var owner: UUID
    @Field(key: "started_at") var startedAt: Date
    /// Moved at each item; a running run whose heartbeat is older than the lease is taken over.
    @Field(key: "heartbeat_at") var heartbeatAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @Field(key: "processed") var processed: Int
    @Field(key: "sent") var sent: Int
    @Field(key: "errors") var errors: Int
    /// The id of the last item done: a run taken over resumes after it (keyset on id).
    @OptionalField(key: "cursor") var cursor: UUID?
    /// An error code or type, never personal data.
    @OptionalField(key: "error") var error: String?
    /// How many times the run was claimed (1, or more after takeovers).
    @Field(key: "claims") var claims: Int

    init() {}
}
