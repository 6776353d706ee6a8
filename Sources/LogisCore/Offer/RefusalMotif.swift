/// Why an applicant refused an offer (DOMAIN.md §10: « a refusal is recorded with its motive (it
/// may count in the cotation) »). `autre` needs a free text, so that no refusal goes unexplained.
public enum RefusalMotif: Int, CodedEnum {
    case tooSmall = 0
    case tooLarge = 1
    case location = 2
    case rentTooHigh = 3
    case dwellingCondition = 4
    case accessibility = 5
    case personalReasons = 6
    case other = 7

    public var code: String {
        switch self {
        case .tooSmall: "logement_trop_petit"
        case .tooLarge: "logement_trop_grand"
        case .location: "localisation"
        case .rentTooHigh: "loyer_trop_eleve"
        case .dwellingCondition: "etat_du_logement"
        case .accessibility: "accessibilite"
        case .personalReasons: "raisons_personnelles"
        case .other: "autre"
        }
    }

    public var label: String {
        switch self {
        case .tooSmall: "Logement trop petit"
        case .tooLarge: "Logement trop grand"
        case .location: "Localisation du logement"
        case .rentTooHigh: "Loyer trop élevé"
        case .dwellingCondition: "État du logement"
        case .accessibility: "Logement non adapté (accessibilité)"
        case .personalReasons: "Raisons personnelles"
        case .other: "Autre motif"
        }
    }
}

/// A refusal as recorded: the motive and, when given, the applicant's words.
public struct OfferRefusal: Sendable, Hashable {
    public let motif: RefusalMotif
    /// Required for `autre`, optional otherwise; trimmed, at most 2,000 characters.
    public let details: String?

    /// Validates a refusal as typed in the form.
    public init(code: String, details: String?) throws(OfferError) {
        let trimmedCode = FreeText.trimmed(code) ?? ""
        guard let motif = RefusalMotif(code: trimmedCode) else { throw .unknownRefusalMotif(trimmedCode) }
        let details = FreeText.trimmed(details)
        if motif == .other, details == nil { throw .refusalDetailsRequired }
        if let details, FreeText.isTooLong(details) { throw .refusalDetailsTooLong(details.count) }
        self.motif = motif
        self.details = details
    }

    /// "Loyer trop élevé", or "Autre motif : <details>".
    public var label: String {
        guard let details else { return motif.label }
        return "\(motif.label) : \(details)"
    }
}
