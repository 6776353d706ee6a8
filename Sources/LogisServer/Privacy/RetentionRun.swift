import Fluent
import LogisCore
import Vapor

/// `logis retention`: applies `RetentionPolicy` to the database. The dates come from the pure
/// policy; the database selects with one comparison per category, through an index.
enum RetentionRun {
    struct Line: Sendable, Equatable {
        let category: RetentionPolicy.Category
        /// Records dated on or before this day are due.
        let lastDueRecordDate: CalendarDate
        let count: Int
    }

    struct Report: Sendable {
        let today: CalendarDate
        let applied: Bool
        let lines: [Line]

        func count(_ category: RetentionPolicy.Category) -> Int {
            lines.first { $0.category == category }?.count ?? 0
        }
    }

    /// Requests are anonymised in batches, each in its own transaction, so a first run on years of
    /// struck-off requests neither holds one long transaction nor loads them all.
    static let batchSize = 200

    static func run(today: CalendarDate, dryRun: Bool, app: Application) async throws -> Report {
        var lines: [Line] = []
        for cutoff in RetentionPolicy.plan(today: today) {
            // Stored instants before Paris midnight of the next day belong to a due day.
            let before = cutoff.lastDueRecordDate.adding(days: 1).parisMidnight
            let count: Int
            switch cutoff.category {
            case .struckOffRequest:
                count =
                    dryRun
                    ? try await dueRequests(before: before, on: app.db).count()
                    : try await anonymiseDueRequests(before: before, app: app)
            case .auditEntry:
                count = try await AuditEntry.query(on: app.db).filter(\.$occurredAt < before).count()
                if !dryRun { try await AuditEntry.query(on: app.db).filter(\.$occurredAt < before).delete() }
            }
            lines.append(Line(category: cutoff.category, lastDueRecordDate: cutoff.lastDueRecordDate, count: count))
        }
        let report = Report(today: today, applied: !dryRun, lines: lines)
        if !dryRun {
            let reason = lines.map { "\($0.category.rawValue)=\($0.count)" }.joined(separator: " ")
            try await AuditEntry(
                actor: nil, action: .retentionApplied, target: nil, outcome: .success, reason: .retentionCounts(reason),
                requestID: nil
            ).create(on: app.db)
        }
        return report
    }

    /// Struck off (radiée, or satisfaite: struck off for attribution, CCH R441-2-8) before `before`
    /// and not yet anonymised.
    static func dueRequests(before: Date, on db: any Database) -> QueryBuilder<HousingRequest> {
        HousingRequest.query(on: db).filter(\.$status ~~ [.radiee, .satisfaite]).filter(\.$radiatedAt < before)
            .filter(\.$anonymisedAt == nil)
    }

    private static func anonymiseDueRequests(before: Date, app: Application) async throws -> Int {
        var total = 0
        while true {
            let batch = try await dueRequests(before: before, on: app.db).sort(\.$radiatedAt).limit(batchSize).all()
            if batch.isEmpty { return total }
            for request in batch {
                try await RequestAnonymisation.anonymise(request, app: app, now: app.clock.now)
            }
            total += batch.count
        }
    }
}
