import Fluent
import LogisCore
import Vapor

/// Renewal and striking-off of a registered request, shared by the pages and the API.
enum RequestLifecycle {
    static func schedule(of request: HousingRequest) -> RenewalSchedule? {
        schedule(firstFiledOn: request.firstFiledOn, renewals: request.renewals)
    }

    static func schedule(firstFiledOn: String?, renewals: Int) -> RenewalSchedule? {
        guard let first = firstFiledOn, let date = try? CalendarDate(iso: first) else { return nil }
        return RequestCalendar.renewal(registeredOn: date, renewals: renewals)
    }

    static func canRenew(_ request: HousingRequest, today: CalendarDate) -> Bool {
        guard request.status.isRegistered, let schedule = schedule(of: request) else { return false }
        return RequestDeadlines.canRenew(schedule, on: today)
    }

    static func renew(
        _ request: HousingRequest, by actor: Account, on db: any Database, today: CalendarDate
    )
        async throws
    {
        guard canRenew(request, today: today) else {
            throw LogisError(
                .conflict, code: .renewalNotOpen,
                message: "Le renouvellement n’est possible que dans les 3 mois qui précèdent la date anniversaire.")
        }
        request.renewals += 1
        request.syncSearchColumns()
        let next = schedule(of: request)?.anniversary.iso ?? ""
        try await db.transaction { db in
            try await request.save(on: db)
            try await RequestEvent(
                requestID: try request.requireID(), kind: .renewed,
                label:
                    "Demande renouvelée ; ancienneté conservée. Prochaine échéance : \(RequestSummary.display(next)).",
                actor: actor
            ).create(on: db)
        }
    }

    /// Strikes the request off. `actor` is nil when the daily striking-off job does it; inside a
    /// caller's transaction (the job's, with its notice) the transaction below is that one.
    static func radiate(
        _ request: HousingRequest, motif: RadiationMotif, comment: String?, by actor: Account?, on db: any Database,
        now: Date
    ) async throws {
        try request.apply(.radiate, by: actor?.role.requestActor ?? .system)
        request.radiationMotif = motif.rawValue
        request.radiatedAt = now
        try await db.transaction { db in
            try await request.save(on: db)
            try await RequestEvent(
                requestID: try request.requireID(), kind: .radiated, label: "Demande radiée : \(motif.label).",
                comment: comment, actor: actor
            ).create(on: db)
            try await AllocationWithdrawal.requestLeft(
                request, today: CalendarDate.today(now: now), now: now, actor: actor, on: db)
        }
    }
}
