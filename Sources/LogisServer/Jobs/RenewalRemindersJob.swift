import Fluent
import Foundation
import LogisCore

/// `renewal-reminders`: one message per registered request whose reminder (2 months, 30 days,
/// 7 days before the anniversary) falls today, or on a day missed since the last run.
struct RenewalRemindersJob: PagedDailyJob {
    var name: String { "renewal-reminders" }

    /// The statuses that have an anniversary (`syncSearchColumns` sets `anniversary_on` for them).
    static let followed: [RequestStatus] = [.enregistree, .active, .enInstruction]

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        let window = RenewalReminders.window(lastCovered: context.lastCovered, today: context.day)
        let ranges = RenewalReminders.anniversaries(remindedWithin: window)
        guard !ranges.isEmpty else { return [] }
        let query = HousingRequest.query(on: context.app.db).field(\.$id)
            .filter(\.$status ~~ Self.followed)
            .group(.or) { any in
                for range in ranges {
                    any.group(.and) {
                        $0.filter(\.$anniversaryOn >= range.lowerBound.iso)
                            .filter(\.$anniversaryOn <= range.upperBound.iso)
                    }
                }
            }
            .sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        guard let request = try await HousingRequest.find(item, on: db), Self.followed.contains(request.status),
            let schedule = RequestLifecycle.schedule(of: request),
            let reminder = RenewalReminders.due(in: schedule, lastCovered: context.lastCovered, today: context.day)
        else { return 0 }
        let text = MessageTexts.renewalReminder(reminder, nud: request.nud ?? "", schedule: schedule)
        // One message per request, anniversary and reminder, however often the job runs.
        let key = "renewal-reminder:\(item.uuidString):\(schedule.anniversary.iso):\(reminder.rawValue)"
        let added = try await RequestMessages.enqueue(text, to: request, key: key, now: context.now, on: db)
        return added ? 1 : 0
    }
}
