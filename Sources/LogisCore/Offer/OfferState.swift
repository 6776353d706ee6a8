/// Where an offer of a dwelling (proposition de logement) stands (DOMAIN.md §10, CCH R441-10).
public enum OfferState: Int, CodedEnum {
    /// Sent; the applicant has until `RequestCalendar.offerAnswerDeadline(sentOn:)` to answer.
    case proposed = 0
    /// The applicant said yes: the lease can be signed.
    case accepted = 1
    /// The applicant said no, with a motive (it may count in the cotation).
    case refused = 2
    /// CCH R441-10: « le défaut de réponse dans le délai imparti équivaut à un refus ».
    case lapsed = 3
    /// The bailleur took the offer back (the applicant gave up before the lease, the dwelling
    /// is no longer available, …).
    case withdrawn = 4

    public var code: String {
        switch self {
        case .proposed: "proposed"
        case .accepted: "accepted"
        case .refused: "refused"
        case .lapsed: "lapsed"
        case .withdrawn: "withdrawn"
        }
    }

    public var label: String {
        switch self {
        case .proposed: "Proposition envoyée, en attente de réponse"
        case .accepted: "Proposition acceptée"
        case .refused: "Proposition refusée"
        case .lapsed: "Sans réponse dans le délai : vaut refus"
        case .withdrawn: "Proposition retirée"
        }
    }

    /// The states this one may move to. An answer (or silence) closes a proposed offer; an
    /// accepted offer can still be withdrawn before the lease is signed; the others are final.
    public var allowedMoves: [OfferState] {
        switch self {
        case .proposed: [.accepted, .refused, .lapsed, .withdrawn]
        case .accepted: [.withdrawn]
        case .refused, .lapsed, .withdrawn: []
        }
    }

    public func canMove(to next: OfferState) -> Bool {
        allowedMoves.contains(next)
    }

    /// Refused, lapsed or withdrawn: the candidate is out and the next rank may be offered.
    public var closesCandidacy: Bool {
        switch self {
        case .refused, .lapsed, .withdrawn: true
        case .proposed, .accepted: false
        }
    }
}
