/// The three reminders of a renewal year (issue 12): 2 months, then 30 and 7 days before the
/// anniversary. Pure functions of the dates, so the daily job, the tests and a desk list agree.
public enum RenewalReminder: String, CaseIterable, Sendable, Codable, Comparable {
    /// Seed 003: « Vous serez prévenu(e) … 2 mois avant la date d'anniversaire du dépôt ».
    case twoMonths = "2_mois"
    /// Issue 12: a second reminder 30 days before, for those who did not act on the first.
    case thirtyDays = "30_jours"
    /// Issue 12: a last reminder 7 days before.
    case sevenDays = "7_jours"

    /// The day this reminder is sent for a schedule. The 2-month reminder is the schedule's own
    /// `reminder` (RequestCalendar, one definition); the others count days back from the anniversary.
    public func date(in schedule: RenewalSchedule) -> CalendarDate {
        switch self {
        case .twoMonths: schedule.reminder
        case .thirtyDays: schedule.anniversary.adding(days: -30)
        case .sevenDays: schedule.anniversary.adding(days: -7)
        }
    }

    /// The order they are sent in (2 months first).
    public static func < (lhs: RenewalReminder, rhs: RenewalReminder) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

public enum RenewalReminders {
    /// A job that was down catches up at most this far back [reading: an older reminder has been
    /// overtaken by a later one, which is the one sent].
    public static let catchUpDays = 31

    /// The reminder dates of one renewal year, in the order they are sent.
    public static func dates(of schedule: RenewalSchedule) -> [(reminder: RenewalReminder, on: CalendarDate)] {
        RenewalReminder.allCases.map { ($0, $0.date(in: schedule)) }
    }

    /// The reminder to send on `today` when the previous run covered every day up to `lastCovered`
    /// (nil: no earlier run, only today counts). When several fell in the missed days, only the
    /// latest is sent: two letters saying the same thing on one day would confuse. Nothing is due
    /// once the anniversary has passed (the request is then overdue, the desk's list takes over).
    public static func due(
        in schedule: RenewalSchedule, lastCovered: CalendarDate?, today: CalendarDate
    ) -> RenewalReminder? {
        guard today <= schedule.anniversary else { return nil }
        // A day already covered is covered: the same day run again sends nothing new.
        if let lastCovered, lastCovered >= today { return nil }
        let from = window(lastCovered: lastCovered, today: today).lowerBound
        return dates(of: schedule).filter { $0.on >= from && $0.on <= today }.map(\.reminder).max()
    }

    /// The days a run on `today` covers: from the day after the last covered day (at most
    /// `catchUpDays` back) to today.
    public static func window(lastCovered: CalendarDate?, today: CalendarDate) -> ClosedRange<CalendarDate> {
        let earliest = today.adding(days: -catchUpDays)
        guard let lastCovered, lastCovered < today else { return today...today }
        return max(earliest, lastCovered.adding(days: 1))...today
    }

    /// For each reminder, the anniversaries whose reminder falls within `days`: what the job
    /// selects through the anniversary index instead of reading every request.
    public static func anniversaries(remindedWithin days: ClosedRange<CalendarDate>) -> [ClosedRange<CalendarDate>] {
        RenewalReminder.allCases.compactMap { reminder in
            // Every anniversary whose reminder can fall in `days` is within 2 months + 3 days after it.
            var found: [CalendarDate] = []
            var anniversary = days.lowerBound
            let last = days.upperBound.adding(days: 66)
            while anniversary <= last {
                let schedule = RequestCalendar.schedule(anniversary: anniversary)
                if days.contains(reminder.date(in: schedule)) { found.append(anniversary) }
                anniversary = anniversary.adding(days: 1)
            }
            guard let first = found.first, let end = found.last else { return nil }
            return first...end
        }
    }
}

extension RequestCalendar {
    /// The schedule of a known anniversary (what the job reads from the `anniversary_on` column);
    /// the registration is not needed for its dates.
    static func schedule(anniversary: CalendarDate) -> RenewalSchedule {
        schedule(registration: anniversary, anniversary: anniversary)
    }
}
