/// A situation of the household that a cotation grid can weigh, set from the request's form or
/// by an agent (DOMAIN.md §6: sans logement, hébergé, expulsion, violence, handicap…).
public enum CotationFlag: Int, CodedEnum {
    case sansLogement
    case expulsion
    case violences
    case handicap
    case logementIndigne
    case logementInadapte
    case sortieStructure
    case sortieASE
    case demolition
    case congeVente
    case grossesse
    case decohabitation
    case separation
    case mutationProfessionnelle
    case raisonsDeSante

    public var code: String {
        switch self {
        case .sansLogement: "sans_logement"
        case .expulsion: "expulsion"
        case .violences: "violences"
        case .handicap: "handicap"
        case .logementIndigne: "logement_indigne"
        case .logementInadapte: "logement_inadapte"
        case .sortieStructure: "sortie_structure"
        case .sortieASE: "sortie_ase"
        case .demolition: "demolition"
        case .congeVente: "conge_vente"
        case .grossesse: "grossesse"
        case .decohabitation: "decohabitation"
        case .separation: "separation"
        case .mutationProfessionnelle: "mutation_professionnelle"
        case .raisonsDeSante: "raisons_de_sante"
        }
    }

    public var label: String {
        switch self {
        case .sansLogement: "Sans logement"
        case .expulsion: "Procédure d'expulsion en cours"
        case .violences: "Victime de violences conjugales ou familiales"
        case .handicap: "Handicap ou perte d'autonomie dans le ménage"
        case .logementIndigne: "Logement indigne, insalubre ou non décent"
        case .logementInadapte: "Logement inadapté au handicap"
        case .sortieStructure: "Sortie d'hébergement ou de structure"
        case .sortieASE: "Sortie de l'Aide sociale à l'enfance"
        case .demolition: "Relogement pour démolition"
        case .congeVente: "Congé pour vente ou reprise du logement"
        case .grossesse: "Grossesse"
        case .decohabitation: "Décohabitation"
        case .separation: "Séparation en cours"
        case .mutationProfessionnelle: "Mutation professionnelle"
        case .raisonsDeSante: "Raisons de santé"
        }
    }
}

public typealias CotationFlags = CodedSet<CotationFlag>

/// A count a criterion can be multiplied by ("5 points par enfant, 15 au plus").
public enum CotationQuantity: String, Sendable, Codable, CaseIterable {
    case children
    case persons
    case disabledPersons
}
