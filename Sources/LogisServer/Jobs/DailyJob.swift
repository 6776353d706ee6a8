import Fluent
import Foundation
import LogisCore
import Vapor

/// A job the server runs once a day: it names the items to handle in id order (keyset pages, so
/// a national database is never loaded whole) and handles one item inside a transaction that
/// also moves the run's cursor.
protocol DailyJob: Sendable {
    /// Stable name, the `--job` of `logis jobs run` and the `job` column of `job_runs`.
    var name: String { get }

    /// Up to `limit` item ids after `cursor`, in ascending id order.
    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID]

    /// Handles one item in `db` (a transaction); returns the number of messages it queued. The
    /// item is read again here: it may have changed since it was listed.
    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int

    /// Items listed at a time: a page is one transaction for a `PagedDailyJob`.
    var pageSize: Int { get }
}

extension DailyJob {
    var pageSize: Int { 200 }
}

/// A job whose items are cheap one by one but many (every registered request): a whole page is
/// handled in one transaction with the cursor, instead of one transaction per item. If the page
/// fails, its items are handled one by one (`handle(_:context:on:)`), so one bad file is passed
/// over as in any job.
protocol PagedDailyJob: DailyJob {
    /// Handles `items` (one page, ascending ids) in `db`; returns the number of messages queued.
    func handle(page items: [UUID], context: JobContext, on db: any Database) async throws -> Int
}

extension PagedDailyJob {
    /// The page's items one after the other, in the page's one transaction: a lifecycle job's item
    /// is a few statements, and committing each one (the cursor with it) was half of its time at
    /// national scale — a commit waits for the disk.
    func handle(page items: [UUID], context: JobContext, on db: any Database) async throws -> Int {
        var sent = 0
        for item in items { sent += try await handle(item, context: context, on: db) }
        return sent
    }
}

extension Territory {
    /// A keyset page of territory ids, for the jobs whose items are the territories.
    static func ids(after cursor: UUID?, limit: Int, on db: any Database) async throws -> [UUID] {
        let query = Territory.query(on: db).field(\.$id).sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
    }
}

/// What a run knows: the day it is for, the clock's instant, the previous day this job covered.
struct JobContext: Sendable {
    let app: Application
    let day: CalendarDate
    let now: Date
    /// The last day an earlier run of this job finished (nil if none): catch-up starts after it.
    let lastCovered: CalendarDate?
}

extension Application {
    /// The daily jobs in the order they run: striking-off before reminders, so a request struck
    /// off today is not reminded; offers next; the cotation before the snapshot, which counts the
    /// day's requests as they stand once the others have run.
    var dailyJobs: [any DailyJob] {
        [
            StrikingOffJob(), RenewalRemindersJob(), OfferExpiryJob(), SuspensiveConditionsJob(),
            RegistrationDeadlineAlertsJob(),
            CotationRecomputeJob(), StatisticsSnapshotJob(), NationalFiguresJob(), UnconfirmedAccountsPurgeJob(),
            AccountTokensPurgeJob(),
        ]
    }
}
