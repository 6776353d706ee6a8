import LogisCore
import Testing

@Suite("Calendars (CCH R441-2-8, R441-2-4, R441-10; seed 003; docs/rules/calendars.md)")
struct CalendarTests {
    func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    static let renewals: [(String, String, String, String, String)] = [
        ("seed 003: ordinary date", "2025-03-15", "2026-03-15", "2026-01-15", "2026-04-15"),
        ("29 February registration: anniversary 28 February", "2024-02-29", "2025-02-28", "2024-12-28", "2025-03-28"),
        (
            "31 March: reminder clamps to 31 January, radiation to 30 April", "2025-03-31", "2026-03-31", "2026-01-31",
            "2026-04-30"
        ),
        ("30 April: reminder on 28 February", "2025-04-30", "2026-04-30", "2026-02-28", "2026-05-30"),
        ("31 December: radiation on 31 January", "2024-12-31", "2025-12-31", "2025-10-31", "2026-01-31"),
        ("31 January: radiation on 28 February", "2025-01-31", "2026-01-31", "2025-11-30", "2026-02-28"),
        ("reminder into a leap February", "2027-04-30", "2028-04-30", "2028-02-29", "2028-05-30"),
    ]

    @Test("Renewal: anniversary +1 year, reminder −2 months, radiation +1 month", arguments: renewals)
    func renewal(_ name: String, registered: String, anniversary: String, reminder: String, radiation: String) throws {
        let schedule = RequestCalendar.renewal(registeredOn: try date(registered))
        #expect(schedule.anniversary == (try date(anniversary)))
        #expect(schedule.reminder == (try date(reminder)))
        #expect(schedule.radiation == (try date(radiation)))
    }

    @Test("Later anniversaries count from the registration: 29 February comes back in leap years")
    func laterAnniversaries() throws {
        let registered = try date("2024-02-29")
        #expect(RequestCalendar.renewal(registeredOn: registered, renewals: 1).anniversary == (try date("2026-02-28")))
        #expect(RequestCalendar.renewal(registeredOn: registered, renewals: 3).anniversary == (try date("2028-02-29")))
    }

    @Test("Renewal status through the year")
    func renewalStatus() throws {
        let schedule = RequestCalendar.renewal(registeredOn: try date("2025-03-15"))
        #expect(schedule.status(on: try date("2026-01-14")) == .valid)
        #expect(schedule.status(on: try date("2026-01-15")) == .renewalDue)
        #expect(schedule.status(on: try date("2026-03-15")) == .renewalDue)
        #expect(schedule.status(on: try date("2026-03-16")) == .overdue)
        #expect(schedule.status(on: try date("2026-04-14")) == .overdue)
        #expect(schedule.status(on: try date("2026-04-15")) == .struckOff)
    }

    static let attestations: [(String, String)] = [
        ("2026-01-15", "2026-02-15"), ("2026-01-31", "2026-02-28"), ("2024-01-31", "2024-02-29"),
        ("2025-12-31", "2026-01-31"), ("2026-03-31", "2026-04-30"),
    ]

    @Test("CCH R441-2-4: attestation within 1 month of a complete filing", arguments: attestations)
    func attestation(_ filed: String, _ deadline: String) throws {
        #expect(RequestCalendar.attestationDeadline(completeFilingOn: try date(filed)) == (try date(deadline)))
    }

    static let offers: [(String, String)] = [
        ("2026-01-05", "2026-01-15"),  // Thursday
        ("2024-02-25", "2024-03-06"),  // leap February, Wednesday
        ("2025-12-28", "2026-01-07"),  // across the year, Wednesday
        ("2026-02-25", "2026-03-09"),  // ten days end on Saturday 7 March → Monday 9
        ("2026-02-26", "2026-03-09"),  // Sunday 8 March → Monday 9
        ("2026-05-04", "2026-05-15"),  // Ascension, Thursday 14 May 2026 → Friday 15
        ("2026-07-04", "2026-07-15"),  // 14 juillet, a Tuesday → Wednesday 15
        ("2026-12-15", "2026-12-28"),  // Christmas Friday, then the weekend → Monday 28
        ("2027-05-07", "2027-05-18"),  // lundi de Pentecôte 17 May 2027 → Tuesday 18
    ]

    @Test(
        "CCH R441-10: at least 10 full days to answer an offer, to a working day (CPC art. 642)",
        arguments: offers)
    func offerDeadline(_ sent: String, _ deadline: String) throws {
        #expect(RequestCalendar.offerAnswerDeadline(sentOn: try date(sent)) == (try date(deadline)))
    }

    @Test func offerLapsesTheDayAfterTheDeadline() throws {
        let sent = try date("2026-01-05")
        #expect(!RequestCalendar.offerLapsed(sentOn: sent, on: try date("2026-01-15")))
        #expect(RequestCalendar.offerLapsed(sentOn: sent, on: try date("2026-01-16")))
    }

    @Test("Whole months are consistent with end-of-month clamping")
    func fullMonths() throws {
        #expect(try date("2025-01-31").fullMonths(until: try date("2025-02-27")) == 0)
        #expect(try date("2025-01-31").fullMonths(until: try date("2025-02-28")) == 1)
        #expect(try date("2025-01-15").fullMonths(until: try date("2026-01-14")) == 11)
        #expect(try date("2025-01-15").fullMonths(until: try date("2026-01-15")) == 12)
        #expect(try date("2025-06-01").fullMonths(until: try date("2025-01-01")) == 0)
    }

    @Test("Day numbers round-trip over four centuries, including leap days")
    func dayNumbers() throws {
        #expect(try date("1970-01-01").dayNumber == 0)
        #expect(try date("2000-03-01").dayNumber - (try date("2000-02-28")).dayNumber == 2)
        #expect(try date("2100-03-01").dayNumber - (try date("2100-02-28")).dayNumber == 1)
        var day = try date("1900-01-01")
        let end = try date("2300-01-01")
        while day < end {
            let next = day.adding(days: 1)
            #expect(next.dayNumber == day.dayNumber + 1)
            #expect(CalendarDate(dayNumber: day.dayNumber) == day)
            day = next
        }
    }

    @Test func invalidDates() {
        for text in ["2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "", "2024-02-30"] {
            #expect(throws: RuleError.self, "\(text)") { try CalendarDate(iso: text) }
        }
    }

    @Test func isoFormatting() throws {
        #expect(try CalendarDate(year: 987, month: 3, day: 4).iso == "0987-03-04")
        #expect(RuleJSON.string(["d": try date("2026-01-15")]) == #"{"d":"2026-01-15"}"#)
    }
}
