/// What a request's dates allow on a given day: renewing, being struck off, restoring a
/// radiation. Pure functions of the date, so pages, API, queues and nightly jobs agree.
public enum RequestDeadlines {
    /// Renewal opens 3 months before the anniversary [reading: seed 003's reminder comes 2 months
    /// before; opening one month earlier means nobody is caught short].
    public static let renewalOpensMonthsBefore = 3
    /// A radiation may be cancelled within 30 days [reading: an administrator's correction of a
    /// mistaken radiation, docs/rules/calendars.md].
    public static let restoreWindowDays = 30

    /// Seed 003: the request "sera définitivement radiée 1 mois après la date anniversaire": on
    /// the radiation date it is struck off, so the last day to renew is the day before.
    public static func isStruckOff(_ schedule: RenewalSchedule, on date: CalendarDate) -> Bool {
        date >= schedule.radiation
    }

    /// From 3 months before the anniversary to the day before the radiation date, both included.
    public static func canRenew(_ schedule: RenewalSchedule, on date: CalendarDate) -> Bool {
        date >= schedule.anniversary.adding(months: -renewalOpensMonthsBefore) && !isStruckOff(schedule, on: date)
    }

    /// The last day a radiation pronounced on `radiatedOn` may be cancelled.
    public static func lastRestoreDay(radiatedOn: CalendarDate) -> CalendarDate {
        radiatedOn.adding(days: restoreWindowDays)
    }

    public static func canRestore(radiatedOn: CalendarDate, on date: CalendarDate) -> Bool {
        date <= lastRestoreDay(radiatedOn: radiatedOn)
    }
}
