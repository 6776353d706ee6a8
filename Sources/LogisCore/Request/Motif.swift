/// A reason for the request (Cerfa 14069*05, section 7: up to 3, in order).
public enum Motif: Int, CodedEnum {
    case sansLogement
    case logementIndigne
    case logementTropPetit
    case logementTropCher
    case divorceSeparation
    case violencesFamiliales
    case handicap
    case raisonsDeSante
    case rapprochementTravail
    case mutationProfessionnelle
    case rapprochementFamilial
    case demolition
    case congeVente
    case expulsion
    case difficultesProprietaire
    case decohabitation
    case autre

    public var code: String {
        switch self {
        case .sansLogement: "sans_logement"
        case .logementIndigne: "logement_indigne"
        case .logementTropPetit: "logement_trop_petit"
        case .logementTropCher: "logement_trop_cher"
        case .divorceSeparation: "divorce_separation"
        case .violencesFamiliales: "violences_familiales"
        case .handicap: "handicap"
        case .raisonsDeSante: "raisons_de_sante"
        case .rapprochementTravail: "rapprochement_travail"
        case .mutationProfessionnelle: "mutation_professionnelle"
        case .rapprochementFamilial: "rapprochement_familial"
        case .demolition: "demolition"
        case .congeVente: "conge_vente"
        case .expulsion: "expulsion"
        case .difficultesProprietaire: "difficultes_proprietaire"
        case .decohabitation: "decohabitation"
        case .autre: "autre"
        }
    }

    public var label: String {
        switch self {
        case .sansLogement: "Sans logement"
        case .logementIndigne: "Logement indigne, insalubre, dangereux ou non décent"
        case .logementTropPetit: "Logement trop petit"
        case .logementTropCher: "Logement trop cher"
        case .divorceSeparation: "Divorce, séparation"
        case .violencesFamiliales: "Violences familiales"
        case .handicap: "Handicap"
        case .raisonsDeSante: "Raisons de santé"
        case .rapprochementTravail: "Rapprochement du lieu de travail"
        case .mutationProfessionnelle: "Mutation professionnelle"
        case .rapprochementFamilial: "Rapprochement familial"
        case .demolition: "Démolition"
        case .congeVente: "Logement repris ou mis en vente par le propriétaire"
        case .expulsion: "Procédure d’expulsion"
        case .difficultesProprietaire: "Propriétaire en difficulté"
        case .decohabitation: "Décohabitation"
        case .autre: "Autre motif"
        }
    }
}

public typealias MotifSet = CodedSet<Motif>
