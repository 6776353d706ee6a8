import LogisCore

/// Why an audit line was written: a closed vocabulary, so no free text (and no personal data)
/// ever reaches the audit log, and the administrator's view reads the same words for the same
/// act. The text is what is stored (`audit_entries.reason`), unchanged from earlier versions.
struct AuditReason: Sendable, Hashable {
    let text: String

    private init(_ text: String) { self.text = text }

    // Why an agent opens a file (read).
    static let consultation = AuditReason("consultation")
    static let attestation = AuditReason("attestation")
    static let pieceReview = AuditReason("vérification des pièces")
    static let pieceUpload = AuditReason("dépôt d’une pièce")
    static let transmission = AuditReason("transmission")
    static let priorityStatus = AuditReason("statut prioritaire")
    static let criterionValidation = AuditReason("validation d’un critère de cotation")
    static let radiation = AuditReason("radiation")
    static let radiationCancellation = AuditReason("annulation de radiation")
    static let requestCheck = AuditReason("vérification de la demande")
    static let onlineRequestCheck = AuditReason("vérification de la demande en ligne")
    static let registration = AuditReason("enregistrement")
    static let paperEntry = AuditReason("saisie papier")
    static let duplicate = AuditReason("doublon")
    static let duplicateElsewhere = AuditReason("doublon hors territoire")
    static let outsideTerritory = AuditReason("hors territoire")

    // Which list showed a file.
    static let deskHome = AuditReason("accueil guichet")
    static let search = AuditReason("recherche")
    static let preselection = AuditReason("preselection")
    static let offers = AuditReason("offres")
    static let gridPreview = AuditReason("aperçu d’une grille de cotation")
    static func queue(_ queue: WorkQueue) -> AuditReason { AuditReason("file \(queue.rawValue)") }

    /// The reasons an agent may give in a link (`?motif=`): the queues and a few words; any
    /// other value is read as a consultation.
    static func given(_ raw: String?) -> AuditReason {
        let word = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let queue = WorkQueue(rawValue: word) { return AuditReason(queue.rawValue) }
        let words: Set<String> = [
            "consultation", "recherche", "instruction", "accueil", "verification", "radiation", "priorite", "doublon",
        ]
        return words.contains(word) ? AuditReason(word) : .consultation
    }

    // What changed.
    static let submitted = AuditReason("submitted")
    static let registeredAtDesk = AuditReason("registered at desk")
    static let activated = AuditReason("activated")
    static let handedOver = AuditReason("handed over")
    static let transferred = AuditReason("transferred to another territory")
    static let paperEntryCreated = AuditReason("paper entry")
    static let paperEntryUpdated = AuditReason("paper entry updated")
    static let attestationSent = AuditReason("attestation sent")
    static let claimCodeIssued = AuditReason("claim code issued")
    static let pieceUploaded = AuditReason("piece uploaded")
    static let criterionValidated = AuditReason("criterion validated")
    static let linkedToDuplicate = AuditReason("linked to duplicate")
    static let radiationCancelled = AuditReason("radiation cancelled")
    static func radiated(_ motif: RadiationMotif) -> AuditReason { AuditReason("radiation: \(motif.rawValue)") }
    static func priority(_ criterion: PriorityCriterion) -> AuditReason { AuditReason("priority: \(criterion.code)") }
    static let struckOffByJob = AuditReason("struck off: non_renouvellement (daily job)")
    static let candidateKept = AuditReason("candidate kept for a vacancy")
    static let caleolVote = AuditReason("caleol vote recorded")
    static let caleolDecision = AuditReason("caleol decision")
    static func offer(_ state: OfferState) -> AuditReason { AuditReason("offer \(state.code)") }
    static let offerLapsedByJob = AuditReason("offer lapsed (daily job)")
    static let conditionMet = AuditReason("suspensive condition met")
    static let conditionLapsedByJob = AuditReason("suspensive condition lapsed (daily job)")
    static let unconfirmedAccountPurged = AuditReason("unconfirmed sign-up purged (daily job)")
    static let leaseSigned = AuditReason("lease signed")
    static let retention = AuditReason("retention")
    /// A right password for an account whose e-mail address is not confirmed yet.
    static let emailNotConfirmed = AuditReason("email_not_confirmed")
    static let pieceValidated = AuditReason("piece validated")
    static let pieceRefused = AuditReason("piece refused")
    /// The kinds of criteria of a search and its count (RequestSearch.auditReason), never the
    /// values searched.
    static func searchCriteria(_ summary: String) -> AuditReason { AuditReason(summary) }
    /// "page" or "api": where the applicant downloaded their data.
    static func exported(via channel: String) -> AuditReason { AuditReason(channel) }
    /// Rows anonymised or purged per category, from the retention run.
    static func retentionCounts(_ counts: String) -> AuditReason { AuditReason(counts) }
    /// The channels an applicant chose, e.g. `email+sms` (never the number).
    static func channels(_ summary: String) -> AuditReason { AuditReason(summary) }
    /// The desk's print list of letters.
    static let printList = AuditReason("liste d’impression des courriers")
    /// How many letters were marked printed at once.
    static func lettersPrinted(_ count: Int) -> AuditReason { AuditReason("\(count) courrier(s)") }
}
