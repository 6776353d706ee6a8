/// The life of a request (DOMAIN.md §3 "Lifecycle"). The moves between these states, and who
/// may make each, are `RequestMove` and `RequestStateMachine`.
public enum RequestStatus: String, Codable, CaseIterable, Sendable {
    /// Filled online or at a desk, not yet registered.
    case brouillon
    /// NUD issued; the attestation must be sent within a month (CCH R441-2-4).
    case enregistree
    case active
    /// Candidate on a vacancy.
    case enInstruction = "en_instruction"
    /// Allocated by the CALEOL, the offer not yet answered or the lease not yet signed.
    case attribuee
    /// Lease signed.
    case satisfaite
    case radiee

    public var label: String {
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
    public var isLive: Bool { self != .radiee && self != .satisfaite }

    /// Registered and not closed: it can be updated, renewed, abandoned.
    public var isRegistered: Bool {
        switch self {
        case .enregistree, .active, .enInstruction, .attribuee: true
        case .brouillon, .satisfaite, .radiee: false
        }
    }
}

/// Why a request was struck off (DOMAIN.md §3 "Exits"; CCH R441-2-8).
public enum RadiationMotif: String, Codable, CaseIterable, Sendable {
    case nonRenouvellement = "non_renouvellement"
    case attribution
    case abandon
    case irrecevabilite
    case absenceDeReponse = "absence_de_reponse"

    public var label: String {
        switch self {
        case .nonRenouvellement: "Non-renouvellement"
        case .attribution: "Attribution d’un logement (demande satisfaite)"
        case .abandon: "Abandon par le demandeur"
        case .irrecevabilite: "Irrecevabilité"
        case .absenceDeReponse: "Absence de réponse à un courrier"
        }
    }
}
