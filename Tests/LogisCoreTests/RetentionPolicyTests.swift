import LogisCore
import Testing

@Suite("Retention (décret 2017-917 art. 4; CNIL journalisation 2021; docs/rules/retention.md)")
struct RetentionPolicyTests {
    func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    /// (case, category, recorded on, today, due?)
    static let boundaries: [(String, RetentionPolicy.Category, String, String, Bool)] = [
        ("struck off a year ago to the day: due", .struckOffRequest, "2025-03-15", "2026-03-15", true),
        ("struck off a year ago less one day: kept", .struckOffRequest, "2025-03-16", "2026-03-15", false),
        ("struck off a year and a day ago: due", .struckOffRequest, "2025-03-14", "2026-03-15", true),
        ("struck off today: kept", .struckOffRequest, "2026-03-15", "2026-03-15", false),
        ("29 February: due on 28 February of the next year", .struckOffRequest, "2024-02-29", "2025-02-28", true),
        ("29 February: kept on 27 February of the next year", .struckOffRequest, "2024-02-29", "2025-02-27", false),
        ("28 February of a leap year: due on 28 February", .struckOffRequest, "2024-02-28", "2025-02-28", true),
        ("1 March of a leap year: kept on 28 February", .struckOffRequest, "2024-03-01", "2025-02-28", false),
        ("31 December: due on 31 December", .struckOffRequest, "2025-12-31", "2026-12-31", true),
        ("31 December: kept on 30 December", .struckOffRequest, "2025-12-31", "2026-12-30", false),
        ("audit line of a year ago: deleted", .auditEntry, "2025-06-01", "2026-06-01", true),
        ("audit line of eleven months ago: kept", .auditEntry, "2025-07-01", "2026-06-01", false),
        ("audit line written the day before the year ends: kept", .auditEntry, "2025-06-02", "2026-06-01", false),
    ]

    @Test("Due on the first day after the delay, kept the day before", arguments: boundaries)
    func due(
        _ name: String, category: RetentionPolicy.Category, recorded: String, today: String, expected: Bool
    )
        throws
    {
        #expect(
            RetentionPolicy.isDue(category, recordedOn: try date(recorded), today: try date(today)) == expected,
            "\(name)")
    }

    /// (today, last due record date): what the database query compares with.
    static let cutoffs: [(String, String)] = [
        ("2026-03-15", "2025-03-15"),
        ("2025-02-28", "2024-02-29"),
        ("2024-02-29", "2023-02-28"),
        ("2026-02-28", "2025-02-28"),
        ("2026-01-01", "2025-01-01"),
    ]

    @Test("The last due record date: every record up to it is due, none after", arguments: cutoffs)
    func lastDueRecordDate(_ today: String, expected: String) throws {
        let cutoff = RetentionPolicy.lastDueRecordDate(of: .struckOffRequest, today: try date(today))
        #expect(cutoff == (try date(expected)))
    }

    @Test("The cutoff agrees with the due-date function on every day of four years")
    func cutoffAgreesWithDueDates() throws {
        let start = try date("2023-01-01")
        for offset in stride(from: 0, to: 4 * 366, by: 1) {
            let today = start.adding(days: offset)
            let cutoff = RetentionPolicy.lastDueRecordDate(of: .struckOffRequest, today: today)
            #expect(RetentionPolicy.isDue(.struckOffRequest, recordedOn: cutoff, today: today))
            #expect(!RetentionPolicy.isDue(.struckOffRequest, recordedOn: cutoff.adding(days: 1), today: today))
        }
    }

    @Test("The plan lists every category with its delay")
    func plan() throws {
        let plan = RetentionPolicy.plan(today: try date("2026-03-15"))
        #expect(plan.map(\.category) == [.struckOffRequest, .auditEntry])
        #expect(plan.allSatisfy { $0.lastDueRecordDate == (try? date("2025-03-15")) })
        #expect(RetentionPolicy.months(for: .struckOffRequest) == 12)
        #expect(RetentionPolicy.months(for: .auditEntry) == 12)
    }
}
