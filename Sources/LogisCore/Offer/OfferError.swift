/// Why an offer move or a refusal was refused: a stable snake_case `code` and a French `message`.
public enum OfferError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownRefusalMotif(String)
    case refusalDetailsRequired
    case refusalDetailsTooLong(Int)
    case moveNotAllowed(from: OfferState, to: OfferState)
    case dateBeforeOffer(date: CalendarDate, earliest: CalendarDate)
    case answerAfterDeadline(deadline: CalendarDate)
    case deadlineNotPassed(deadline: CalendarDate)
    case offerNotAccepted(OfferState)
    case leaseBeforeAcceptance(acceptedOn: CalendarDate)
    case recordInconsistent(OfferState)
    case candidateNotRanked(String)

    public var code: String {
        switch self {
        case .unknownRefusalMotif: "unknown_refusal_motif"
        case .refusalDetailsRequired: "refusal_details_required"
        case .refusalDetailsTooLong: "refusal_details_too_long"
        case .moveNotAllowed: "offer_move_not_allowed"
        case .dateBeforeOffer: "date_before_offer"
        case .answerAfterDeadline: "answer_after_deadline"
        case .deadlineNotPassed: "deadline_not_passed"
        case .offerNotAccepted: "offer_not_accepted"
        case .leaseBeforeAcceptance: "lease_before_acceptance"
        case .recordInconsistent: "offer_record_inconsistent"
        case .candidateNotRanked: "candidate_not_ranked"
        }
    }

    public var message: String {
        switch self {
        case .unknownRefusalMotif(let code):
            "Le motif de refus « \(code) » n'existe pas (attendu : \(RefusalMotif.codeList))."
        case .refusalDetailsRequired: "Merci de préciser le motif du refus."
        case .refusalDetailsTooLong(let count):
            "La précision du motif compte \(FrenchFormat.integer(count)) caractères ; "
                + "\(FrenchFormat.integer(FreeText.maximumLength)) au plus, merci de la raccourcir."
        case .moveNotAllowed(let from, let to):
            "Une proposition « \(from.label) » ne peut pas passer à « \(to.label) »."
        case .dateBeforeOffer(let date, let earliest):
            "La date \(date.iso) précède le \(earliest.iso) : merci de vérifier la date saisie."
        case .answerAfterDeadline(let deadline):
            "Le délai de réponse a expiré le \(deadline.iso) : l'absence de réponse vaut refus."
        case .deadlineNotPassed(let deadline):
            "Le délai de réponse court jusqu'au \(deadline.iso) inclus : la proposition n'est pas encore caduque."
        case .offerNotAccepted(let state):
            "Le bail ne peut être signé que pour une proposition acceptée (état actuel : \(state.label))."
        case .leaseBeforeAcceptance(let acceptedOn):
            "Le bail ne peut pas être signé avant l'acceptation de la proposition (\(acceptedOn.iso))."
        case .recordInconsistent(let state):
            "Les dates enregistrées ne correspondent pas à l'état « \(state.label) » de la proposition."
        case .candidateNotRanked(let nud):
            "Le candidat \(nud) n'a pas reçu d'attribution avec rang pour ce logement."
        }
    }

    public var description: String { "\(code): \(message)" }

    /// The same error in the shape the CLI and the server already send (`RuleError`).
    public var ruleError: RuleError { RuleError(code: code, message: message) }
}
