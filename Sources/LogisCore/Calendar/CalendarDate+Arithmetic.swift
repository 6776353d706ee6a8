/// Calendar arithmetic on `CalendarDate`, without Foundation's `Calendar` (pure integer maths).
extension CalendarDate {
    /// Days since 1970-01-01 (negative before); consecutive dates have consecutive numbers.
    /// Algorithm "days_from_civil" (H. Hinnant), exact for the proleptic Gregorian calendar.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date whose `dayNumber` is `dayNumber` (inverse of `dayNumber`).
    public init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(unchecked: year, month, day)
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// Adds calendar months; when the day does not exist in the target month, clamps to its last
    /// day (31 January + 1 month = 28/29 February). See docs/rules/calendars.md.
    public func adding(months: Int) -> CalendarDate {
        let monthIndex = year * 12 + (month - 1) + months
        let targetYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let targetMonth = monthIndex - targetYear * 12 + 1
        let targetDay = min(day, Self.daysInMonth(year: targetYear, month: targetMonth))
        return CalendarDate(unchecked: targetYear, targetMonth, targetDay)
    }

    /// Adds years; 29 February clamps to 28 February in a common year.
    public func adding(years: Int) -> CalendarDate {
        adding(months: years * 12)
    }

    /// Whole months elapsed from `self` to `later`: the largest `k` such that
    /// `self.adding(months: k) <= later` (0 when `later` is not after `self`).
    /// Consistent with the clamping of `adding(months:)`: 31 January → 28 February is one month.
    public func fullMonths(until later: CalendarDate) -> Int {
        guard later > self else { return 0 }
        var months = (later.year - year) * 12 + (later.month - month)
        if adding(months: months) > later { months -= 1 }
        return max(0, months)
    }
}
