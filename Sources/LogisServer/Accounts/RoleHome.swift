/// Where a role's work is: the page it lands on after signing in, and the one the home page
/// offers a signed-in person. Each is a page the role's own access policy opens (a test checks
/// every role), so landing never ends on a refusal.
struct RoleHome: Encodable, Equatable {
    let path: String
    /// The home page's button, in the person's words.
    let label: String

    init(_ role: Role) {
        (path, label) = Self.place(of: role)
    }

    private static func place(of role: Role) -> (String, String) {
        switch role {
        case .demandeur: ("/mon-espace", "Accéder à mon espace")
        // The social worker's priorities and criteria to validate are on the desk's files.
        case .accueil, .enregistreur, .travailleurSocial, .admin: ("/guichet", "Accéder à mes dossiers")
        case .bailleur, .reservataire: ("/attributions", "Accéder aux logements et vacances")
        case .caleol: ("/caleol", "Accéder à la commission d’attribution")
        case .epci: ("/epci", "Accéder à l’espace EPCI")
        }
    }
}
