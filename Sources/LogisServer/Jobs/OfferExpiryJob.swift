import Fluent
import Foundation
import LogisCore

/// `offer-expiry`: an offer unanswered past its deadline lapses (CCH R441-10: silence is a
/// refusal) and the next rank gets the dwelling — `OfferAnswers.lapseUnanswered`, the same
/// recording as the bailleur's « sans réponse » button.
struct OfferExpiryJob: PagedDailyJob {
    var name: String { "offer-expiry" }

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        // The deadline is the last day to answer: it lapses the day after.
        let query = OfferRecord.query(on: context.app.db).field(\.$id)
            .filter(\.$state == OfferState.proposed.code)
            .filter(\.$deadline < context.day.iso)
            .sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        guard let record = try await OfferRecord.find(item, on: db), record.state == OfferState.proposed.code,
            RequestCalendar.offerLapsed(sentOn: try CalendarDate(iso: record.sentOn), on: context.day)
        else { return 0 }
        try await OfferAnswers.lapseUnanswered(
            offer: record, today: context.day, now: context.now, app: context.app, on: db)
        return 0
    }
}
