extension CaleolDecision {
    /// Validates a decision as typed in the session form, field by field, and says in French what
    /// to correct.
    ///
    /// - `code`: `attribution`, `attribution_sous_condition`, `non_attribution` or
    ///   `rejet_irrecevabilite`.
    /// - `rank`: required for attributions (1, 2 or 3), refused for negative decisions, so that a
    ///   "ranked non-attribution" never reaches the minutes.
    /// - `motif`: required (after trimming) for negative decisions, because the applicant is told
    ///   why (DOMAIN.md §9); refused on attributions; at most 2,000 characters.
    /// - `missingPiece`, `deadline`: required for a conditional attribution; the deadline falls
    ///   after the session day (`sessionOn`), or the condition would lapse before it was known.
    ///   Both are ignored for other kinds: the form may keep them filled in when the kind changes.
    public init(
        code: String, rank: Int?, motif: String?, missingPiece: String?, deadline: CalendarDate?,
        sessionOn session: CalendarDate
    ) throws(CaleolError) {
        let trimmedCode = FreeText.trimmed(code) ?? ""
        guard let kind = CaleolDecisionKind(code: trimmedCode) else { throw .unknownDecision(trimmedCode) }
        let motif = FreeText.trimmed(motif)
        switch kind {
        case .attribution:
            self = .attribution(rank: try Self.rank(rank, motif: motif))
        case .conditionalAttribution:
            let rank = try Self.rank(rank, motif: motif)
            let condition = try Self.condition(missingPiece, deadline, session)
            self = .conditionalAttribution(rank: rank, condition: condition)
        case .nonAttribution:
            self = .nonAttribution(motif: try Self.motif(motif, rank: rank))
        case .rejection:
            self = .rejection(motif: try Self.motif(motif, rank: rank))
        }
    }

    private static func rank(_ rank: Int?, motif: String?) throws(CaleolError) -> CaleolRank {
        guard let rank else { throw .rankRequired }
        guard let valid = CaleolRank(rawValue: rank) else { throw .rankInvalid(rank) }
        guard motif == nil else { throw .motifNotAllowed }
        return valid
    }

    private static func motif(_ motif: String?, rank: Int?) throws(CaleolError) -> String {
        guard rank == nil else { throw .rankNotAllowed }
        guard let motif else { throw .motifRequired }
        guard !FreeText.isTooLong(motif) else { throw .motifTooLong(motif.count) }
        return motif
    }

    private static func condition(
        _ piece: String?, _ deadline: CalendarDate?, _ session: CalendarDate
    ) throws(CaleolError) -> SuspensiveCondition {
        guard let piece = FreeText.trimmed(piece) else { throw .missingPieceRequired }
        guard !FreeText.isTooLong(piece) else { throw .missingPieceTooLong(piece.count) }
        guard let deadline else { throw .deadlineRequired }
        guard deadline > session else { throw .deadlineNotAfterSession(deadline: deadline, session: session) }
        return SuspensiveCondition(missingPiece: piece, deadline: deadline)
    }
}
