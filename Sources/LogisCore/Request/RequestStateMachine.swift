/// The request's statuses and the moves between them, with who may make each: the one table the
/// pages, the API, the allocation and the nightly jobs all apply (docs/rules/lifecycle.md).
public enum RequestStateMachine {
    /// The status a move leads to from `status`, or nil when it does not leave that status.
    /// `previous` is the status before a radiation, for `restore` only.
    public static func target(
        of move: RequestMove, from status: RequestStatus, previous: RequestStatus? = nil
    ) -> RequestStatus? {
        switch (move, status) {
        case (.register, .brouillon): .enregistree
        case (.activate, .enregistree): .active
        // A registered request is a candidate from its NUD on (CCH L441-2-1), activated or not.
        case (.select, .enregistree), (.select, .active): .enInstruction
        case (.release, .enInstruction), (.release, .attribuee): .active
        case (.attribute, .enInstruction): .attribuee
        case (.decline, .attribuee): .active
        case (.lease, .attribuee): .satisfaite
        // A draft may be abandoned too; a satisfied or struck-off request is closed.
        case (.radiate, .brouillon), (.radiate, .enregistree), (.radiate, .active),
            (.radiate, .enInstruction), (.radiate, .attribuee):
            .radiee
        case (.restore, .radiee): previous.flatMap { $0.isRegistered ? $0 : nil }
        default: nil
        }
    }

    /// The statuses of a request waiting for a dwelling: those a candidacy starts from, the ones
    /// the ranking lists.
    public static let waiting: Set<RequestStatus> = Set(
        RequestStatus.allCases.filter { target(of: .select, from: $0) != nil })

    /// Who may make each move (DOMAIN.md §2 for the actors' parts).
    public static func actors(of move: RequestMove) -> Set<RequestActor> {
        switch move {
        // CCH L441-2-1: registration by a registering desk, or by the applicant on the portal.
        case .register: [.applicant, .registeringDesk]
        case .activate: [.registeringDesk]
        case .select: [.landlord, .reservationHolder]
        // The proposer drops a candidate; the commission's decision, or the platform when the
        // vacancy closes, ends the others.
        case .release: [.landlord, .reservationHolder, .commission, .system]
        case .attribute: [.commission]
        // The applicant refuses; the landlord records a refusal received on paper; silence past
        // the deadline is the platform's.
        case .decline: [.applicant, .landlord, .system]
        case .lease: [.landlord]
        // Abandon by the applicant, a motivated radiation by a desk, non-renewal by the platform.
        case .radiate: [.applicant, .registeringDesk, .administrator, .system]
        case .restore: [.administrator]
        }
    }

    /// The status after `move`, or why it is refused. The actor is checked first: a refusal
    /// never tells someone who may not act anything about the request's state.
    public static func apply(
        _ move: RequestMove, to status: RequestStatus, by actor: RequestActor, previous: RequestStatus? = nil
    ) throws(RequestMoveError) -> RequestStatus {
        guard actors(of: move).contains(actor) else { throw .notBy(actor, move) }
        if move == .restore, status == .radiee, previous?.isRegistered != true { throw .nothingToRestore }
        guard let next = target(of: move, from: status, previous: previous) else { throw .notFrom(status, move) }
        return next
    }

    /// The moves `actor` may make from `status` now: what a page offers as buttons.
    public static func moves(from status: RequestStatus, by actor: RequestActor) -> [RequestMove] {
        RequestMove.allCases.filter { move in
            actors(of: move).contains(actor) && target(of: move, from: status, previous: .active) != nil
        }
    }
}
