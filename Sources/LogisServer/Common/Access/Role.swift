/// The actors of the process (DOMAIN.md §2); each account has exactly one.
public enum Role: String, Codable, CaseIterable, Sendable {
    case demandeur
    case accueil
    case enregistreur
    case travailleurSocial = "travailleur-social"
    case bailleur
    case caleol
    case reservataire
    case epci
    case admin

    /// French label shown in pages.
    public var label: String {
        switch self {
        case .demandeur: "Demandeur ou demandeuse"
        case .accueil: "Agent d’accueil"
        case .enregistreur: "Agent enregistreur"
        case .travailleurSocial: "Travailleur ou travailleuse social(e)"
        case .bailleur: "Gestionnaire bailleur"
        case .caleol: "Membre de CALEOL"
        case .reservataire: "Réservataire"
        case .epci: "Administrateur EPCI"
        case .admin: "Administrateur plateforme"
        }
    }

    /// Agents see files of their territory, and each of their reads is audited.
    public var isAgent: Bool { self != .demandeur }
}
