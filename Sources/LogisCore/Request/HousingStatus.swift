/// Where the household lives now (Cerfa 14069*05, section 6).
public enum HousingStatus: Int, CodedEnum {
    case locataireHLM
    case locatairePrive
    /// Hébergé chez un parent, un enfant ou un particulier.
    case heberge
    /// Foyer, CHRS, résidence sociale, structure d'hébergement.
    case structureHebergement
    case campingHotel
    case sansAbri
    case proprietaire
    case logementDeFonction
    case autre

    public var code: String {
        switch self {
        case .locataireHLM: "locataire_hlm"
        case .locatairePrive: "locataire_prive"
        case .heberge: "heberge"
        case .structureHebergement: "structure_hebergement"
        case .campingHotel: "camping_hotel"
        case .sansAbri: "sans_abri"
        case .proprietaire: "proprietaire"
        case .logementDeFonction: "logement_de_fonction"
        case .autre: "autre"
        }
    }

    public var label: String {
        switch self {
        case .locataireHLM: "Locataire HLM"
        case .locatairePrive: "Locataire du parc privé"
        case .heberge: "Hébergé chez un parent, un enfant ou un particulier"
        case .structureHebergement: "En structure d’hébergement ou foyer"
        case .campingHotel: "En camping ou à l’hôtel"
        case .sansAbri: "Sans abri"
        case .proprietaire: "Propriétaire occupant"
        case .logementDeFonction: "Logement de fonction"
        case .autre: "Autre situation"
        }
    }

    /// Pays a rent to a landlord (the seed asks these households for a rent receipt).
    public var isTenant: Bool { self == .locataireHLM || self == .locatairePrive }
}
