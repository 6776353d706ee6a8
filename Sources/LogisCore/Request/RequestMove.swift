/// A change of a request's status, named after what happens to the household (DOMAIN.md §3).
public enum RequestMove: String, CaseIterable, Sendable {
    /// The draft gets its NUD: submitted online by the applicant, or registered at a desk.
    case register
    /// A registering desk checked the registered request (the attestation's follow-up).
    case activate
    /// A bailleur or a réservataire keeps the request as a candidate for a vacancy.
    case select
    /// The candidacy ends without a lease for this household (not kept, CALEOL refusal or
    /// postponement, the dwelling leased to a better-ranked candidate): the request waits again.
    case release
    /// The CALEOL allocates the dwelling (rank 1 or a later rank once those before decline).
    case attribute
    /// The offer is refused, or lapses in silence: the request waits again.
    case decline
    /// The lease is signed: the request is satisfied.
    case lease
    /// Struck off, with a `RadiationMotif`.
    case radiate
    /// An administrator cancels a radiation within `RequestDeadlines.restoreWindowDays`.
    case restore
}

/// Who acts on a request. The server maps its account roles onto these; `system` is the
/// platform itself (nightly jobs, deadlines passing).
public enum RequestActor: String, CaseIterable, Sendable {
    case applicant
    case reception
    case registeringDesk
    case socialWorker
    case landlord
    case reservationHolder
    case commission
    /// The EPCI steers the policy; it moves no request itself.
    case steering
    case administrator
    case system
}

/// Why a move was refused; the server maps each to its error code.
public enum RequestMoveError: Error, Equatable, Sendable {
    /// The move does not leave this status (a request already closed, not yet registered…).
    case notFrom(RequestStatus, RequestMove)
    /// This actor may not make this move at all.
    case notBy(RequestActor, RequestMove)
    /// A restore needs the status the request had before its radiation.
    case nothingToRestore
}
