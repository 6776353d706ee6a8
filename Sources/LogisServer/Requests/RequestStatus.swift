/// The life of a request (DOMAIN.md §3 "Lifecycle"), with the moves each state allows.
enum RequestStatus: String, Codable, CaseIterable, Sendable {
    /// Filled online, not yet submitted.
    case brouillon
    /// NUD issued; the attestation must be sent within a month (CCH R441-2-4).
    case enregistree
    case active
    /// Candidate on a vacancy.
    case enInstruction = "en_instruction"
    /// Allocated by the CALEOL.
    case attribuee
    /// Lease signed.
    case satisfaite
    case radiee

    var label: String {
        switch self {
        case .brouillon: "Brouillon"
        case .enregistree: "Enregistrée"
        case .active: "Active"
        case .enInstruction: "En instruction"
        case .attribuee: "Attribuée"
        case .satisfaite: "Satisfaite"
        case .radiee: "Radiée"
        }
    }

    /// A live request blocks a second one for the same household.
    var isLive: Bool { self != .radiee && self != .satisfaite }

    /// Registered and not closed: it can be updated, renewed, abandoned.
    var isRegistered: Bool {
        switch self {
        case .enregistree, .active, .enInstruction, .attribuee: true
        case .brouillon, .satisfaite, .radiee: false
        }
    }

    func canMove(to next: RequestStatus) -> Bool {
        switch (self, next) {
        case (.brouillon, .enregistree): true
        case (.enregistree, .active), (.active, .enInstruction), (.enInstruction, .active): true
        case (.enInstruction, .attribuee), (.attribuee, .satisfaite), (.attribuee, .active): true
        case (.enregistree, .radiee), (.active, .radiee), (.enInstruction, .radiee), (.attribuee, .radiee): true
        case (.brouillon, .radiee): true
        default: false
        }
    }
}

/// Why a request was struck off (DOMAIN.md §3 "Exits").
enum RadiationMotif: String, Codable, CaseIterable, Sendable {
    case nonRenouvellement = "non_renouvellement"
    case attribution
    case abandon
    case irrecevabilite
    case absenceDeReponse = "absence_de_reponse"

    var label: String {
        switch self {
        case .nonRenouvellement: "Non-renouvellement"
        case .attribution: "Attribution d’un logement (demande satisfaite)"
        case .abandon: "Abandon par le demandeur"
        case .irrecevabilite: "Irrecevabilité"
        case .absenceDeReponse: "Absence de réponse à un courrier"
        }
    }
}
