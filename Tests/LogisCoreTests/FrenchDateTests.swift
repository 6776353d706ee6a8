import LogisCore
import Testing

@Suite("Dates written for people")
struct FrenchDateTests {
    @Test("Day, month and year, each padded")
    func french() throws {
        #expect(try CalendarDate(year: 2026, month: 1, day: 5).french == "05/01/2026")
        #expect(try CalendarDate(year: 2025, month: 12, day: 31).french == "31/12/2025")
    }
}
