import LogisCore
import Testing

@Suite("Request deadlines (seed 003 « radiée 1 mois après la date anniversaire »; docs/rules/calendars.md)")
struct RequestDeadlinesTests {
    func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    /// Registration 2025-03-15: anniversary 2026-03-15, radiation 2026-04-15 (CalendarTests).
    static let renewal: [(String, String, Bool, Bool)] = [
        ("the day before renewal opens", "2025-12-14", false, false),
        ("renewal opens 3 months before the anniversary", "2025-12-15", true, false),
        ("the anniversary", "2026-03-15", true, false),
        ("the last day to renew is the day before the radiation date", "2026-04-14", true, false),
        ("the radiation date: struck off, no renewal", "2026-04-15", false, true),
        ("after the radiation date", "2026-05-01", false, true),
    ]

    @Test("One striking-off day for renewal and radiation", arguments: renewal)
    func renewalWindow(_ name: String, on day: String, canRenew: Bool, struckOff: Bool) throws {
        let schedule = RequestCalendar.renewal(registeredOn: try date("2025-03-15"))
        #expect(RequestDeadlines.canRenew(schedule, on: try date(day)) == canRenew, "\(name)")
        #expect(RequestDeadlines.isStruckOff(schedule, on: try date(day)) == struckOff, "\(name)")
    }

    static let restore: [(String, String, Bool)] = [
        ("the day of the radiation", "2026-01-10", true),
        ("30 days later, the last day", "2026-02-09", true),
        ("31 days later: closed", "2026-02-10", false),
    ]

    @Test("A radiation can be cancelled for 30 days", arguments: restore)
    func restoreWindow(_ name: String, on day: String, open: Bool) throws {
        #expect(RequestDeadlines.canRestore(radiatedOn: try date("2026-01-10"), on: try date(day)) == open, "\(name)")
    }
}
