/// Working days in metropolitan France: not a Saturday, a Sunday or one of the eleven public
/// holidays of the Code du travail (article L3133-1). Alsace-Moselle's two extra days (Good
/// Friday, 26 December) are not counted: no territory of Logis lies there yet.
public enum FrenchHolidays {
    public static func isWorkingDay(_ date: CalendarDate) -> Bool {
        !isWeekend(date) && !isPublicHoliday(date)
    }

    /// Monday is 0, Sunday 6 (1970-01-01, day 0, was a Thursday).
    public static func weekday(_ date: CalendarDate) -> Int {
        ((date.dayNumber + 3) % 7 + 7) % 7
    }

    public static func isWeekend(_ date: CalendarDate) -> Bool { weekday(date) >= 5 }

    public static func isPublicHoliday(_ date: CalendarDate) -> Bool {
        let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
        if fixed.contains(where: { $0.0 == date.month && $0.1 == date.day }) { return true }
        let easter = easterSunday(year: date.year)
        // Lundi de Pâques, Ascension (Easter + 39 days), lundi de Pentecôte (Easter + 50 days).
        return [1, 39, 50].contains { easter.adding(days: $0) == date }
    }

    /// Easter Sunday of the Gregorian calendar (the "anonymous" computus, Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(unchecked: year, month, day)
    }

    /// `date` itself when it is a working day, else the next one.
    public static func nextWorkingDay(from date: CalendarDate) -> CalendarDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }
}
