/// How long personal data is kept, and from which day it is due for anonymisation or deletion.
///
/// Delays are calendar months counted from the day the record was closed (the striking-off) or
/// written (an audit line); sources and readings in docs/rules/retention.md. A record closed on
/// day `d` is kept up to the day before `d + delay` and is due from `d + delay` on, the same way
/// `RequestCalendar` strikes a request off on its radiation date.
public enum RetentionPolicy {
    /// What the delays apply to.
    public enum Category: String, CaseIterable, Sendable, Codable {
        /// A request struck off (radiée, or satisfaite after an attribution): anonymised, statistics kept.
        case struckOffRequest = "struck_off_request"
        /// A line of the audit log: deleted.
        case auditEntry = "audit_entry"

        /// The text the delay comes from, quoted in reports and on the privacy page.
        public var source: String {
            switch self {
            case .struckOffRequest: "décret n° 2017-917 du 9 mai 2017, article 4 (traitement « Numéro unique »)"
            case .auditEntry: "CNIL, recommandation relative à la journalisation (JO du 30 octobre 2021)"
            }
        }
    }

    /// Décret n° 2017-917 du 9 mai 2017 (traitement « Numéro unique »), article 4: the data of a
    /// request is kept one year after its striking-off (CCH R441-2-8), then only statistics remain.
    public static let struckOffRequestMonths = 12
    /// CNIL, recommandation relative à la journalisation (JO of 30 October 2021): six months to a year;
    /// we keep the upper bound so an applicant can still learn who opened their file last year.
    public static let auditEntryMonths = 12

    public static func months(for category: Category) -> Int {
        switch category {
        case .struckOffRequest: struckOffRequestMonths
        case .auditEntry: auditEntryMonths
        }
    }

    /// The first day on which a record of `category` dated `recorded` is due.
    public static func dueDate(of category: Category, recordedOn recorded: CalendarDate) -> CalendarDate {
        recorded.adding(months: months(for: category))
    }

    public static func isDue(_ category: Category, recordedOn recorded: CalendarDate, today: CalendarDate) -> Bool {
        dueDate(of: category, recordedOn: recorded) <= today
    }

    /// The latest record date that is due on `today`: every record dated on or before it is due,
    /// every later one is not, so the database can select them with one comparison.
    ///
    /// Not simply `today − delay`: month arithmetic clamps (29 February 2024 + 12 months is
    /// 28 February 2025), so on 28 February 2025 the records of 29 February 2024 are due too.
    public static func lastDueRecordDate(of category: Category, today: CalendarDate) -> CalendarDate {
        var last = today.adding(months: -months(for: category))
        while isDue(category, recordedOn: last.adding(days: 1), today: today) {
            last = last.adding(days: 1)
        }
        while !isDue(category, recordedOn: last, today: today) {
            last = last.adding(days: -1)
        }
        return last
    }

    /// What is due on `today`, one line per category: the date up to which records are due.
    public static func plan(today: CalendarDate) -> [Cutoff] {
        Category.allCases.map { Cutoff(category: $0, lastDueRecordDate: lastDueRecordDate(of: $0, today: today)) }
    }

    public struct Cutoff: Sendable, Equatable {
        public let category: Category
        /// Records dated on or before this day are due.
        public let lastDueRecordDate: CalendarDate
    }
}
