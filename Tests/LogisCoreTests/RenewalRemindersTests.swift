import LogisCore
import Testing

@Suite("Renewal reminders (seed 003 « 2 mois avant la date d'anniversaire », issue 12: 30 and 7 days; DOMAIN.md §3)")
struct RenewalRemindersTests {
    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    /// (case, registered, renewals, anniversary, 2 months, 30 days, 7 days, striking-off day).
    static let schedules: [(String, String, Int, String, String, String, String, String)] = [
        (
            "issue 12's example: registered 2025-03-15", "2025-03-15", 0,
            "2026-03-15", "2026-01-15", "2026-02-13", "2026-03-08", "2026-04-15"
        ),
        (
            "31 March: 30 days back crosses into March 1st; striking-off clamps to 30 April", "2025-03-31", 0,
            "2026-03-31", "2026-01-31", "2026-03-01", "2026-03-24", "2026-04-30"
        ),
        (
            "31 August: 2 months back clamps to 30 June", "2025-08-31", 0,
            "2026-08-31", "2026-06-30", "2026-08-01", "2026-08-24", "2026-09-30"
        ),
        (
            "29 February: the anniversary of a common year is 28 February", "2024-02-29", 0,
            "2025-02-28", "2024-12-28", "2025-01-29", "2025-02-21", "2025-03-28"
        ),
        (
            "29 February renewed three times: back to 29 February in 2028", "2024-02-29", 3,
            "2028-02-29", "2027-12-29", "2028-01-30", "2028-02-22", "2028-03-29"
        ),
        (
            "30 April: 2 months back is 28 February (common year)", "2025-04-30", 0,
            "2026-04-30", "2026-02-28", "2026-03-31", "2026-04-23", "2026-05-30"
        ),
        (
            "30 April: 2 months back is 29 February (leap year)", "2023-04-30", 0,
            "2024-04-30", "2024-02-29", "2024-03-31", "2024-04-23", "2024-05-30"
        ),
    ]

    @Test("Reminder days and striking-off day of a renewal year", arguments: schedules)
    func reminderDays(_ row: (String, String, Int, String, String, String, String, String)) throws {
        let (name, registered, renewals, anniversary, twoMonths, thirtyDays, sevenDays, strikeOff) = row
        let schedule = RequestCalendar.renewal(registeredOn: try Self.date(registered), renewals: renewals)
        #expect(schedule.anniversary.iso == anniversary, "\(name)")
        let dates = RenewalReminders.dates(of: schedule)
        #expect(dates.map(\.reminder) == [.twoMonths, .thirtyDays, .sevenDays])
        #expect(dates.map(\.on.iso) == [twoMonths, thirtyDays, sevenDays], "\(name)")
        // The striking-off day is the core's one definition (RequestDeadlines), not recomputed here.
        let day = try Self.date(strikeOff)
        #expect(RequestDeadlines.isStruckOff(schedule, on: day), "\(name)")
        #expect(!RequestDeadlines.isStruckOff(schedule, on: day.adding(days: -1)), "\(name)")
    }

    /// (case, last day covered by the previous run, today, reminder due) for registration 2025-03-15.
    static let due: [(String, String?, String, RenewalReminder?)] = [
        ("the 2-month day", "2026-01-14", "2026-01-15", .twoMonths),
        ("the day after, already covered", "2026-01-15", "2026-01-16", nil),
        ("a second run the same day covers nothing new", "2026-01-15", "2026-01-15", nil),
        ("the 30-day day", "2026-02-12", "2026-02-13", .thirtyDays),
        ("the 7-day day", "2026-03-07", "2026-03-08", .sevenDays),
        ("first run ever, on a reminder day", nil, "2026-03-08", .sevenDays),
        ("first run ever, the day after: nothing missed is guessed", nil, "2026-03-09", nil),
        ("down from 10 Feb to 9 Mar: only the latest missed one", "2026-02-10", "2026-03-09", .sevenDays),
        ("missed the 2-month day by two days", "2026-01-14", "2026-01-17", .twoMonths),
        ("after the anniversary nothing is due", "2026-03-14", "2026-03-16", nil),
    ]

    @Test("The reminder a run sends, catching up missed days", arguments: due)
    func dueReminder(_ name: String, lastCovered: String?, today: String, expected: RenewalReminder?) throws {
        let schedule = RequestCalendar.renewal(registeredOn: try Self.date("2025-03-15"))
        let last = try lastCovered.map { try Self.date($0) }
        #expect(
            RenewalReminders.due(in: schedule, lastCovered: last, today: try Self.date(today)) == expected, "\(name)")
    }

    @Test("A job that was down catches up at most 31 days")
    func catchUpIsBounded() throws {
        let window = RenewalReminders.window(
            lastCovered: try Self.date("2025-01-01"), today: try Self.date("2026-03-08"))
        #expect(window.lowerBound.iso == "2026-02-05")
        #expect(window.upperBound.iso == "2026-03-08")
    }

    @Test("The anniversaries a day's reminders select, month ends included")
    func anniversariesOfADay() throws {
        let day = try Self.date("2026-02-28")
        let ranges = RenewalReminders.anniversaries(remindedWithin: day...day)
        // 28, 29 and 30 April all step back 2 months to 28 February 2026.
        #expect(
            ranges.map { "\($0.lowerBound.iso)…\($0.upperBound.iso)" } == [
                "2026-04-28…2026-04-30", "2026-03-30…2026-03-30", "2026-03-07…2026-03-07",
            ])
    }
}
