import Fluent
import Foundation
import LogisCore
import SQLKit

/// The claim of a job's day: the first instance to insert the (job, day) row runs it; the others
/// see it done, or running under a fresh heartbeat, and leave it. A run whose heartbeat is older
/// than the lease (its process was killed) or that failed is taken over and resumes at its cursor.
struct JobClaim: Sendable {
    enum Outcome: Sendable {
        case claimed(JobClaim)
        case alreadyDone
        case runningElsewhere
    }

    let runID: UUID
    let job: String
    let day: CalendarDate
    let owner: UUID
    /// Where the previous holder stopped (nil for a fresh run).
    let cursor: UUID?

    /// A heartbeat older than this means the holder is gone [reading: an item takes well under a
    /// second; five minutes leaves room for a slow database without two holders].
    static let lease: TimeInterval = 5 * 60

    static func claim(_ job: String, day: CalendarDate, now: Date, on db: any Database) async throws -> Outcome {
        guard let sql = db as? any SQLDatabase else { throw JobError.unsupportedDatabase }
        let owner = UUID()
        struct Row: Decodable { let id: UUID }
        // Both databases answer ON CONFLICT … DO NOTHING: the loser of the race gets no row back.
        let inserted = try await sql.raw(
            """
            INSERT INTO job_runs (id, job, day, status, owner, started_at, heartbeat_at, processed, sent, errors, claims) \
            VALUES (\(bind: UUID()), \(bind: job), \(bind: day.iso), \(bind: JobRun.Status.running.rawValue), \
            \(bind: owner), \(bind: now), \(bind: now), 0, 0, 0, 1) \
            ON CONFLICT (job, day) DO NOTHING RETURNING id
            """
        ).first(decoding: Row.self)
        if let inserted {
            return .claimed(JobClaim(runID: inserted.id, job: job, day: day, owner: owner, cursor: nil))
        }
        let staleBefore = now.addingTimeInterval(-lease)
        let takenOver = try await ConditionalWrite.update(
            """
            UPDATE job_runs SET owner = \(bind: owner), status = \(bind: JobRun.Status.running.rawValue), \
            heartbeat_at = \(bind: now), ended_at = NULL, error = NULL, claims = claims + 1 \
            WHERE job = \(bind: job) AND day = \(bind: day.iso) AND (status = \(bind: JobRun.Status.failed.rawValue) \
            OR (status = \(bind: JobRun.Status.running.rawValue) AND heartbeat_at < \(bind: staleBefore)))
            """, on: db)
        guard let run = try await JobRun.query(on: db).filter(\.$job == job).filter(\.$day == day.iso).first() else {
            throw JobError.leaseLost
        }
        if takenOver, run.owner == owner {
            return .claimed(JobClaim(runID: try run.requireID(), job: job, day: day, owner: owner, cursor: run.cursor))
        }
        return run.status == .done ? .alreadyDone : .runningElsewhere
    }

    /// Records one item done (or failed) and moves the cursor past it, in the item's own
    /// transaction: the work and the cursor commit together. Throws `leaseLost` when another
    /// instance took the run over, which rolls the item's work back.
    func advance(
        past item: UUID, sent: Int, failed: Bool, now: Date, on db: any Database, processed: Int = 1
    ) async throws {
        let held = try await ConditionalWrite.update(
            """
            UPDATE job_runs SET cursor = \(bind: item), processed = processed + \(bind: processed), \
            sent = sent + \(bind: sent), \
            errors = errors + \(bind: failed ? 1 : 0), heartbeat_at = \(bind: now) \
            WHERE id = \(bind: runID) AND owner = \(bind: owner) AND status = \(bind: JobRun.Status.running.rawValue)
            """, on: db)
        guard held else { throw JobError.leaseLost }
    }

    /// Marks the run done, or failed with an error code (no personal data).
    func finish(_ status: JobRun.Status, error: String? = nil, now: Date, on db: any Database) async throws {
        let held = try await ConditionalWrite.update(
            """
            UPDATE job_runs SET status = \(bind: status.rawValue), ended_at = \(bind: now), heartbeat_at = \(bind: now), \
            error = \(bind: error) WHERE id = \(bind: runID) AND owner = \(bind: owner)
            """, on: db)
        guard held else { throw JobError.leaseLost }
    }
}

enum JobError: Error, Equatable {
    /// Another instance took the run over: this one stops without writing.
    case leaseLost
    case unsupportedDatabase
    case unknownJob(String)
}
