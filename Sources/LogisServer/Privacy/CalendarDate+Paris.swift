import Foundation
import LogisCore

extension CalendarDate {
    /// The first instant of this day in Paris, the legal time the delays are counted in.
    var parisMidnight: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date.distantPast
    }
}
