import LogisCore

/// What the procès-verbal of a CALEOL session states (DOMAIN.md §9: « Minutes (procès-verbal) per
/// session, signed, listing decisions and motives »), gathered by the server from the database and
/// laid out by `CaleolMinutesPDF`. Plain values: no request's personal data beyond the NUD.
struct CaleolMinutesContent: Sendable, Equatable {
    struct Member: Sendable, Equatable {
        let name: String
        /// `CaleolMemberRole.label`.
        let role: String
        /// « présent », « représenté », « absent ».
        let attendance: String
        let votes: Bool
    }

    struct Decision: Sendable, Equatable {
        let nud: String
        /// `CaleolDecision.label`, e.g. « Attribution en rang 1 ».
        let decision: String
        /// Motive of a non-attribution or a rejection.
        let motif: String?
        /// « Pièce manquante : … avant le 15/01/2027 » for a conditional attribution.
        let condition: String?
        /// « 4 pour, 1 abstention », for the record.
        let votes: String
        let byCastingVote: Bool
    }

    struct Dwelling: Sendable, Equatable {
        let reference: String
        let residence: String
        let commune: String
        /// « T3 PLUS, 454 € charges comprises ».
        let description: String
        let decisions: [Decision]
    }

    let commission: String
    let bailleur: String
    let territory: String
    let heldOn: CalendarDate
    /// « en présentiel » or « à distance ».
    let mode: String
    /// Who holds the casting vote, and why (CCH L441-2).
    let castingVote: String
    let quorumReached: Bool
    let members: [Member]
    let dwellings: [Dwelling]
    /// When the minutes were produced (Europe/Paris), for the footer.
    let producedOn: CalendarDate
}
