import Fluent
import Foundation
import LogisCore
import Vapor

/// Runs a daily job for a day: claims it, works through its items in pages, records counts and
/// the cursor after each item, and finishes the run.
struct JobRunner: Sendable {
    struct Report: Sendable, Equatable {
        enum Outcome: String, Sendable {
            case done
            case alreadyDone = "already_done"
            case runningElsewhere = "running_elsewhere"
            /// Stopped by `itemBudget` (tests: a process killed midway).
            case interrupted
        }
        var job: String
        var outcome: Outcome
        var processed = 0
        var sent = 0
        var errors = 0
        /// Pages that failed as a whole and were handled again item by item.
        var pagesRetried = 0
    }

    let app: Application
    /// Items listed at a time; nil takes the job's own (`DailyJob.pageSize`).
    var pageSize: Int?
    /// Stops after this many items, leaving the run `running` as a killed process would.
    var itemBudget: Int?
    /// Called after each item with the number handled so far (progress on a terminal).
    var progress: (@Sendable (Int) -> Void)?

    init(app: Application) { self.app = app }

    func run(_ job: any DailyJob, day: CalendarDate) async throws -> Report {
        var report = Report(job: job.name, outcome: .done)
        let claim: JobClaim
        switch try await JobClaim.claim(job.name, day: day, now: app.clock.now, on: app.db) {
        case .claimed(let claimed): claim = claimed
        case .alreadyDone: return Report(job: job.name, outcome: .alreadyDone)
        case .runningElsewhere: return Report(job: job.name, outcome: .runningElsewhere)
        }
        app.logger.info("job \(job.name) \(day.iso): started")
        let context = JobContext(
            app: app, day: day, now: app.clock.now, lastCovered: try await lastCovered(job.name, before: day))
        var cursor = claim.cursor
        do {
            while true {
                let page = try await job.items(after: cursor, limit: pageSize ?? job.pageSize, context: context)
                guard !page.isEmpty else { break }
                if itemBudget == nil, !Task.isCancelled, let paged = job as? any PagedDailyJob {
                    if let sent = try await handle(page: page, job: paged, claim: claim, context: context) {
                        report.processed += page.count
                        report.sent += sent
                        progress?(report.processed)
                        cursor = page.last
                        continue
                    }
                    report.pagesRetried += 1
                }
                for item in page {
                    // A shutdown stops between items, as a budget does: the cursor is saved, the
                    // lease runs out, and the next run (here or elsewhere) resumes after it.
                    if Task.isCancelled || itemBudget.map({ report.processed >= $0 }) == true {
                        report.outcome = .interrupted
                        return report
                    }
                    let sent = try await handle(item, job: job, claim: claim, context: context)
                    report.processed += 1
                    if let sent { report.sent += sent } else { report.errors += 1 }
                    progress?(report.processed)
                }
                cursor = page.last
            }
            try await claim.finish(.done, now: app.clock.now, on: app.db)
        } catch JobError.leaseLost {
            app.logger.warning("job \(job.name) \(day.iso): taken over by another instance, stopping")
            report.outcome = .runningElsewhere
            return report
        } catch {
            try? await claim.finish(.failed, error: LogisError.code(of: error), now: app.clock.now, on: app.db)
            throw error
        }
        app.logger.info(
            "job \(job.name) \(day.iso): done, \(report.processed) items, \(report.sent) messages, \(report.errors) errors"
        )
        return report
    }

    /// One item and the cursor in one transaction; a failing item is counted and passed over
    /// (its error code logged) so one bad file does not stop the day. Nil when it failed.
    private func handle(_ item: UUID, job: any DailyJob, claim: JobClaim, context: JobContext) async throws -> Int? {
        do {
            return try await app.db.transaction { db in
                let sent = try await job.handle(item, context: context, on: db)
                try await claim.advance(past: item, sent: sent, failed: false, now: app.clock.now, on: db)
                return sent
            }
        } catch JobError.leaseLost {
            throw JobError.leaseLost
        } catch {
            app.logger.error("job \(job.name): item \(item) failed: \(LogisError.code(of: error))")
            try await claim.advance(past: item, sent: 0, failed: true, now: app.clock.now, on: app.db)
            return nil
        }
    }

    /// A whole page and the cursor in one transaction; nil when it failed (the caller then
    /// handles the page's items one by one).
    private func handle(
        page: [UUID], job: any PagedDailyJob, claim: JobClaim, context: JobContext
    ) async throws -> Int? {
        guard let last = page.last else { return 0 }
        do {
            return try await app.db.transaction { db in
                let sent = try await job.handle(page: page, context: context, on: db)
                try await claim.advance(
                    past: last, sent: sent, failed: false, now: app.clock.now, on: db, processed: page.count)
                return sent
            }
        } catch JobError.leaseLost {
            throw JobError.leaseLost
        } catch {
            app.logger.warning("job \(job.name): a page failed (\(LogisError.code(of: error))), item by item now")
            return nil
        }
    }

    /// The last day before `day` on which this job finished: the reminders catch up after it.
    private func lastCovered(_ job: String, before day: CalendarDate) async throws -> CalendarDate? {
        let last = try await JobRun.query(on: app.db).filter(\.$job == job).filter(\.$status == .done)
            .filter(\.$day < day.iso).sort(\.$day, .descending).first()
        return try last.map { try CalendarDate(iso: $0.day) }
    }
}
