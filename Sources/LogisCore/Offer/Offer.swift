/// One offer of a dwelling to one applicant, and the moves the rules allow on it (DOMAIN.md §10,
/// CCH R441-10). The answer deadline is `RequestCalendar.offerAnswerDeadline(sentOn:)`: ten full
/// days, moved to the next working day (docs/rules/calendars.md).
public struct Offer: Sendable, Equatable {
    public let sentOn: CalendarDate
    public private(set) var state: OfferState
    /// The day the offer left `proposed`: the answer, the withdrawal, or for a lapse the day after
    /// the deadline (when silence became a refusal). `nil` while proposed.
    public private(set) var closedOn: CalendarDate?
    /// The day of the acceptance, kept when an accepted offer is later withdrawn.
    public private(set) var acceptedOn: CalendarDate?
    public private(set) var refusal: OfferRefusal?

    /// A new offer, sent on `sentOn`.
    public init(sentOn: CalendarDate) {
        self.sentOn = sentOn
        state = .proposed
    }

    /// An offer as stored by the server, checked for consistency: `closedOn` is set exactly when
    /// the offer has left `proposed`, `acceptedOn` when it was accepted, `refusal` when refused.
    public init(
        sentOn: CalendarDate, state: OfferState, closedOn: CalendarDate?, acceptedOn: CalendarDate?,
        refusal: OfferRefusal?
    ) throws(OfferError) {
        let consistent =
            (closedOn == nil) == (state == .proposed) && (refusal != nil) == (state == .refused)
            && (acceptedOn == nil || state == .accepted || state == .withdrawn)
            && (state != .accepted || acceptedOn != nil)
            && [closedOn, acceptedOn].allSatisfy { ($0 ?? sentOn) >= sentOn }
        guard consistent else { throw .recordInconsistent(state) }
        self.sentOn = sentOn
        self.state = state
        self.closedOn = closedOn
        self.acceptedOn = acceptedOn
        self.refusal = refusal
    }

    /// The last day to answer.
    public var answerDeadline: CalendarDate { RequestCalendar.offerAnswerDeadline(sentOn: sentOn) }

    /// The state as the applicant should see it on `date`: a proposed offer past its deadline is
    /// lapsed even before anyone records it (CCH R441-10: silence is a refusal).
    public func state(on date: CalendarDate) -> OfferState {
        state == .proposed && RequestCalendar.offerLapsed(sentOn: sentOn, on: date) ? .lapsed : state
    }

    public mutating func accept(on date: CalendarDate) throws(OfferError) {
        try answer(.accepted, on: date)
        acceptedOn = date
    }

    public mutating func refuse(_ refusal: OfferRefusal, on date: CalendarDate) throws(OfferError) {
        try answer(.refused, on: date)
        self.refusal = refusal
    }

    /// Records the silence: allowed from the day after the deadline.
    public mutating func lapse(on date: CalendarDate) throws(OfferError) {
        guard RequestCalendar.offerLapsed(sentOn: sentOn, on: date) else {
            throw .deadlineNotPassed(deadline: answerDeadline)
        }
        try move(to: .lapsed, on: answerDeadline.adding(days: 1))
    }

    /// The bailleur takes back a proposed or accepted offer.
    public mutating func withdraw(on date: CalendarDate) throws(OfferError) {
        let earliest = acceptedOn ?? sentOn
        guard date >= earliest else { throw .dateBeforeOffer(date: date, earliest: earliest) }
        try move(to: .withdrawn, on: date)
    }

    /// Whether the lease can be signed on `date`: the offer is accepted (seed 003 « vous acceptez
    /// la proposition : le bailleur organise la signature du bail ») and the date is not before
    /// the acceptance.
    public func checkLeaseSignature(on date: CalendarDate) throws(OfferError) {
        guard state == .accepted, let acceptedOn else { throw .offerNotAccepted(state) }
        guard date >= acceptedOn else { throw .leaseBeforeAcceptance(acceptedOn: acceptedOn) }
    }

    /// An answer comes between the sending and the deadline; after it, silence already counts as
    /// a refusal and the offer is lapsed.
    private mutating func answer(_ next: OfferState, on date: CalendarDate) throws(OfferError) {
        guard state == .proposed else { throw .moveNotAllowed(from: state, to: next) }
        guard date >= sentOn else { throw .dateBeforeOffer(date: date, earliest: sentOn) }
        guard date <= answerDeadline else { throw .answerAfterDeadline(deadline: answerDeadline) }
        try move(to: next, on: date)
    }

    private mutating func move(to next: OfferState, on date: CalendarDate) throws(OfferError) {
        guard state.canMove(to: next) else { throw .moveNotAllowed(from: state, to: next) }
        state = next
        closedOn = date
    }
}
