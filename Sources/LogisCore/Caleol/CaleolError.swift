/// Why a commission's input was refused: a stable snake_case `code` for programs and a polite
/// French `message` for the person who typed it.
public enum CaleolError: Error, Sendable, Equatable, CustomStringConvertible {
    // One decision (CaleolDecision.init(code:…)).
    case unknownDecision(String)
    case rankRequired
    case rankInvalid(Int)
    case rankNotAllowed
    case motifRequired
    case motifTooLong(Int)
    case motifNotAllowed
    case missingPieceRequired
    case missingPieceTooLong(Int)
    case deadlineRequired
    case deadlineNotAfterSession(deadline: CalendarDate, session: CalendarDate)
    // The decisions for one dwelling (CaleolDecisionSet).
    case candidateDecidedTwice(String)
    case candidateWithoutDecision(String)
    case candidateNotExamined(String)
    case rankTakenTwice(CaleolRank)
    case rankGap(missing: CaleolRank)
    // The vote on one candidate (CaleolVote.tally).
    case ballotFromUnknownMember(String)
    case ballotFromAbsentMember(String)
    case ballotCastTwice(String)
    case castingVoteHolderAmbiguous(CaleolMemberRole)

    public var code: String {
        switch self {
        case .unknownDecision: "unknown_decision"
        case .rankRequired: "rank_required"
        case .rankInvalid: "rank_invalid"
        case .rankNotAllowed: "rank_not_allowed"
        case .motifRequired: "motif_required"
        case .motifTooLong: "motif_too_long"
        case .motifNotAllowed: "motif_not_allowed"
        case .missingPieceRequired: "missing_piece_required"
        case .missingPieceTooLong: "missing_piece_too_long"
        case .deadlineRequired: "deadline_required"
        case .deadlineNotAfterSession: "deadline_not_after_session"
        case .candidateDecidedTwice: "candidate_decided_twice"
        case .candidateWithoutDecision: "candidate_without_decision"
        case .candidateNotExamined: "candidate_not_examined"
        case .rankTakenTwice: "rank_taken_twice"
        case .rankGap: "rank_gap"
        case .ballotFromUnknownMember: "ballot_from_unknown_member"
        case .ballotFromAbsentMember: "ballot_from_absent_member"
        case .ballotCastTwice: "ballot_cast_twice"
        case .castingVoteHolderAmbiguous: "casting_vote_holder_ambiguous"
        }
    }

    public var message: String {
        switch self {
        case .unknownDecision(let code):
            "La décision « \(code) » n'existe pas (attendu : \(CaleolDecisionKind.codeList))."
        case .rankRequired: "Merci d'indiquer le rang de l'attribution (1, 2 ou 3)."
        case .rankInvalid(let rank): "Le rang d'une attribution est 1, 2 ou 3 (reçu : \(rank))."
        case .rankNotAllowed: "Une non-attribution ou un rejet ne porte pas de rang."
        case .motifRequired: "Merci d'indiquer le motif de la décision : il sera communiqué au demandeur."
        case .motifTooLong(let count): Self.tooLong("Le motif", count)
        case .motifNotAllowed:
            "Une attribution ne porte pas de motif ; le motif est réservé aux décisions négatives."
        case .missingPieceRequired: "Merci d'indiquer la pièce manquante attendue du demandeur."
        case .missingPieceTooLong(let count): Self.tooLong("La description de la pièce manquante", count)
        case .deadlineRequired: "Merci d'indiquer la date limite pour fournir la pièce manquante."
        case .deadlineNotAfterSession(let deadline, let session):
            "La date limite (\(deadline.iso)) doit être postérieure à la date de la commission (\(session.iso))."
        case .candidateDecidedTwice(let nud): "Le candidat \(nud) a reçu plus d'une décision pour ce logement."
        case .candidateWithoutDecision(let nud): "Le candidat \(nud) n'a pas encore de décision pour ce logement."
        case .candidateNotExamined(let nud): "Le candidat \(nud) ne figure pas parmi les candidats examinés."
        case .rankTakenTwice(let rank): "Le rang \(rank.rawValue) est attribué à plus d'un candidat."
        case .rankGap(let missing):
            "Le rang \(missing.rawValue) manque : les rangs se suivent à partir de 1, sans trou."
        case .ballotFromUnknownMember(let id): "Le membre « \(id) » ne fait pas partie de la commission."
        case .ballotFromAbsentMember(let id): "Le membre « \(id) » n'est ni présent ni représenté."
        case .ballotCastTwice(let id): "Le membre « \(id) » a voté plus d'une fois."
        case .castingVoteHolderAmbiguous(let role):
            "Plusieurs membres siègent comme « \(role.label) » : la voix prépondérante ne peut être attribuée."
        }
    }

    public var description: String { "\(code): \(message)" }

    /// The same error in the shape the CLI and the server already send (`RuleError`).
    public var ruleError: RuleError { RuleError(code: code, message: message) }

    private static func tooLong(_ subject: String, _ count: Int) -> String {
        "\(subject) compte \(FrenchFormat.integer(count)) caractères ; "
            + "\(FrenchFormat.integer(FreeText.maximumLength)) au plus, merci de le raccourcir."
    }
}
