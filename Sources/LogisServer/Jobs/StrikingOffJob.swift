import Fluent
import Foundation
import LogisCore

/// `striking-off`: a request not renewed is struck off for non-renewal on its radiation day (the
/// core's one definition, `RequestDeadlines.isStruckOff`), through the same code path as a
/// desk's radiation, with its notice queued in the same transaction.
struct StrikingOffJob: PagedDailyJob {
    var name: String { "striking-off" }

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        let query = HousingRequest.query(on: context.app.db).field(\.$id)
            .filter(\.$status ~~ RenewalRemindersJob.followed)
            .filter(\.$strikeOffOn <= context.day.iso)
            .sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        guard let request = try await HousingRequest.find(item, on: db),
            RenewalRemindersJob.followed.contains(request.status),
            let schedule = RequestLifecycle.schedule(of: request),
            RequestDeadlines.isStruckOff(schedule, on: context.day)
        else { return 0 }
        // Renewed or closed since it was read: the row must be as read, or nothing happens (on
        // PostgreSQL this also locks it until the transaction ends).
        let unchanged = try await ConditionalWrite.update(
            """
            UPDATE housing_requests SET renewals = renewals WHERE id = \(bind: item) \
            AND renewals = \(bind: request.renewals) AND status = \(bind: request.status.rawValue)
            """, on: db)
        guard unchanged else { return 0 }
        try await RequestLifecycle.radiate(
            request, motif: .nonRenouvellement, comment: nil, by: nil, on: db, now: context.now)
        try await AuditEntry(
            actor: nil, action: .requestChanged, target: .request(item), outcome: .success,
            reason: .struckOffByJob, requestID: nil
        ).save(on: db)
        let text = MessageTexts.strikingOffNotice(nud: request.nud ?? "", schedule: schedule, on: context.day)
        let key = "striking-off:\(item.uuidString):\(schedule.anniversary.iso)"
        let added = try await RequestMessages.enqueue(text, to: request, key: key, now: context.now, on: db)
        return added ? 1 : 0
    }
}
