import LogisCore
import Testing

@Suite("Working days (Code du travail L3133-1 public holidays; Easter by the Gregorian computus)")
struct FrenchHolidaysTests {
    func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    static let easters: [(Int, String)] = [
        (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"),
        (2027, "2027-03-28"), (2038, "2038-04-25"),
    ]

    @Test("Easter Sunday", arguments: easters)
    func easter(_ year: Int, _ expected: String) throws {
        #expect(FrenchHolidays.easterSunday(year: year) == (try date(expected)))
    }

    static let days: [(String, String, Bool)] = [
        ("jour de l’An", "2026-01-01", false), ("lundi de Pâques", "2026-04-06", false),
        ("fête du Travail", "2026-05-01", false), ("8 mai", "2026-05-08", false), ("Ascension", "2026-05-14", false),
        ("lundi de Pentecôte", "2026-05-25", false), ("14 juillet", "2026-07-14", false),
        ("Assomption", "2026-08-15", false), ("Toussaint", "2026-11-01", false), ("11 novembre", "2026-11-11", false),
        ("Noël", "2026-12-25", false), ("a Saturday", "2026-11-28", false), ("a Sunday", "2026-11-29", false),
        ("an ordinary Monday", "2026-11-30", true),
        ("Good Friday is worked outside Alsace-Moselle", "2026-04-03", true),
    ]

    @Test("Working or not", arguments: days)
    func working(_ name: String, _ day: String, _ expected: Bool) throws {
        #expect(FrenchHolidays.isWorkingDay(try date(day)) == expected, "\(name)")
    }
}
