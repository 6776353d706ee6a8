/// The dates a request lives by: renewal, reminder, striking-off, attestation, offer answer.
///
/// All periods are calendar periods from DOMAIN.md §3 and §10 and seed 003; the end-of-month
/// readings are in docs/rules/calendars.md.
public enum RequestCalendar {
    /// CCH R441-2-8: a request is valid for one year from its registration.
    public static let validityYears = 1
    /// Seed 003: the national system warns "2 mois avant la date d'anniversaire du dépôt"
    /// (the CCH requires at least one month).
    public static let reminderMonthsBeforeAnniversary = 2
    /// Seed 003: "la demande sera définitivement radiée 1 mois après la date anniversaire".
    public static let strikeOffMonthsAfterAnniversary = 1
    /// CCH R441-2-4: the attestation d'enregistrement is sent within one month of a complete filing.
    public static let attestationMonths = 1
    /// CCH R441-10: at least 10 days to answer an offer; silence is a refusal.
    public static let offerAnswerDays = 10

    /// The renewal dates for the request's next anniversary after `renewals` renewals.
    ///
    /// Anniversaries are counted from the registration date (not chained from the previous
    /// anniversary), so a request registered on 29 February returns to 29 February in leap years.
    public static func renewal(registeredOn registration: CalendarDate, renewals: Int = 0) -> RenewalSchedule {
        let anniversary = registration.adding(years: validityYears * (max(0, renewals) + 1))
        return schedule(registration: registration, anniversary: anniversary)
    }

    /// The one place the reminder and striking-off dates are derived from an anniversary.
    static func schedule(registration: CalendarDate, anniversary: CalendarDate) -> RenewalSchedule {
        RenewalSchedule(
            registration: registration,
            anniversary: anniversary,
            reminder: anniversary.adding(months: -reminderMonthsBeforeAnniversary),
            radiation: anniversary.adding(months: strikeOffMonthsAfterAnniversary)
        )
    }

    /// Last day to send the attestation d'enregistrement after a complete filing (CCH R441-2-4).
    public static func attestationDeadline(completeFilingOn filing: CalendarDate) -> CalendarDate {
        filing.adding(months: attestationMonths)
    }

    /// Last day to answer an offer sent on `sent` (CCH R441-10: « un délai de réflexion qui ne
    /// peut être inférieur à dix jours »; silence = refusal). Ten full days after the day it was
    /// sent, so an offer sent on 2026-01-05 can be answered until 2026-01-15 inclusive; a last
    /// day on a Saturday, Sunday or public holiday moves to the next working day [reading: the
    /// general rule for time limits, code de procédure civile art. 642, docs/rules/calendars.md].
    public static func offerAnswerDeadline(sentOn sent: CalendarDate) -> CalendarDate {
        FrenchHolidays.nextWorkingDay(from: sent.adding(days: offerAnswerDays))
    }

    /// Whether an offer sent on `sent` and not answered by `date` counts as refused.
    public static func offerLapsed(sentOn sent: CalendarDate, on date: CalendarDate) -> Bool {
        date > offerAnswerDeadline(sentOn: sent)
    }
}

/// The renewal dates of one anniversary of a request.
public struct RenewalSchedule: Sendable, Equatable, Encodable {
    public let registration: CalendarDate
    /// The request lapses at this date unless renewed.
    public let anniversary: CalendarDate
    /// When the applicant is reminded to renew.
    public let reminder: CalendarDate
    /// When a request that was not renewed is struck off (radiation pour non-renouvellement).
    public let radiation: CalendarDate

    /// The state of the request on `date` if it has not been renewed.
    public func status(on date: CalendarDate) -> RenewalStatus {
        if date >= radiation { return .struckOff }
        if date > anniversary { return .overdue }
        if date >= reminder { return .renewalDue }
        return .valid
    }

    private enum CodingKeys: String, CodingKey {
        case anniversary, reminder, radiation
    }
}

/// Where a request stands in its renewal year.
public enum RenewalStatus: String, Sendable, Codable {
    /// Before the reminder date.
    case valid
    /// Between the reminder and the anniversary: the applicant should renew.
    case renewalDue = "renewal_due"
    /// After the anniversary, before the striking-off date: renewal is still possible.
    case overdue
    /// Struck off for non-renewal.
    case struckOff = "struck_off"
}
