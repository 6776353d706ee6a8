/// A priority status set by a social worker or an agent, with evidence (DOMAIN.md §7:
/// CCH L441-1 criteria, DALO, the département's PDALHPD). An applicant cannot set it.
public enum PriorityCriterion: Int, CodedEnum {
    /// Décision favorable de la commission de médiation DALO.
    case dalo
    /// Critères du plan départemental (PDALHPD).
    case pdalhpd
    /// L441-1 a): handicap.
    case handicap
    /// L441-1 b): sortant d'un hébergement ou d'une structure.
    case sortieHebergement
    /// L441-1 c): sans logement ou hébergé.
    case sansLogement
    /// L441-1 d): logement indigne ou insalubre.
    case logementIndigne
    /// L441-1 e): violences conjugales ou familiales (ordonnance de protection).
    case violences
    /// L441-1 f): victime de traite ou de prostitution.
    case traiteProstitution
    /// L441-1 g): sur-occupation avec un enfant mineur ou une personne handicapée.
    case suroccupation

    public var code: String {
        switch self {
        case .dalo: "dalo"
        case .pdalhpd: "pdalhpd"
        case .handicap: "handicap"
        case .sortieHebergement: "sortie_hebergement"
        case .sansLogement: "sans_logement"
        case .logementIndigne: "logement_indigne"
        case .violences: "violences"
        case .traiteProstitution: "traite_prostitution"
        case .suroccupation: "suroccupation"
        }
    }

    public var label: String {
        switch self {
        case .dalo: "Reconnu prioritaire et urgent au titre du DALO"
        case .pdalhpd: "Public prioritaire du PDALHPD"
        case .handicap: "Personne en situation de handicap (L441-1 a)"
        case .sortieHebergement: "Sortant d’un hébergement ou d’une structure (L441-1 b)"
        case .sansLogement: "Sans logement ou hébergé (L441-1 c)"
        case .logementIndigne: "Logement indigne ou insalubre (L441-1 d)"
        case .violences: "Victime de violences conjugales ou familiales (L441-1 e)"
        case .traiteProstitution: "Victime de traite ou de prostitution (L441-1 f)"
        case .suroccupation: "Sur-occupation avec enfant mineur ou personne handicapée (L441-1 g)"
        }
    }
}

public typealias PrioritySet = CodedSet<PriorityCriterion>
