/// The seats of a CALEOL (DOMAIN.md §9; CCH L441-2 and R441-9) and whether each one votes.
public enum CaleolMemberRole: Int, CodedEnum {
    /// Members designated by the bailleur's board (CCH L441-2: six, who elect the chair).
    case bailleurRepresentative = 0
    /// CCH L441-2: the mayor of the commune where the dwellings are, or a representative, is a
    /// member by right (voting).
    case mayor = 1
    /// CCH L441-2: the préfet or a representative is a member by right.
    case prefectRepresentative = 2
    /// The tenants' representative among the bailleur's members.
    case tenantRepresentative = 3
    /// CCH L441-2: the president of the EPCI competent for housing, or a representative, is a
    /// member by right (voting).
    case epciPresident = 4
    /// CCH L441-2: réservataires that are not members by right take part « avec voix consultative »
    /// for the dwellings of their contingent.
    case reservataire = 5
    /// CCH R441-9: the representative of the approved insertion associations sits with an
    /// advisory voice.
    case insertionAssociation = 6

    public var code: String {
        switch self {
        case .bailleurRepresentative: "representant_bailleur"
        case .mayor: "maire"
        case .prefectRepresentative: "representant_prefet"
        case .tenantRepresentative: "representant_locataires"
        case .epciPresident: "president_epci"
        case .reservataire: "reservataire"
        case .insertionAssociation: "association_insertion"
        }
    }

    public var label: String {
        switch self {
        case .bailleurRepresentative: "Représentant du bailleur"
        case .mayor: "Maire de la commune ou son représentant"
        case .prefectRepresentative: "Représentant du préfet"
        case .tenantRepresentative: "Représentant des locataires"
        case .epciPresident: "Président de l'EPCI ou son représentant"
        case .reservataire: "Réservataire (voix consultative)"
        case .insertionAssociation: "Association d'insertion (voix consultative)"
        }
    }

    /// Whether the seat has a deliberative vote. Advisory members speak and are minuted, but
    /// their ballots count neither in the quorum nor in the majority.
    public var votes: Bool {
        switch self {
        case .bailleurRepresentative, .mayor, .prefectRepresentative, .tenantRepresentative, .epciPresident: true
        case .reservataire, .insertionAssociation: false
        }
    }
}

/// How a member takes part in a session.
public enum CaleolAttendance: String, Sendable, Codable, CaseIterable {
    /// In the room or remotely (DOMAIN.md §9: the commission may meet and vote remotely).
    case present
    /// Absent, with a proxy given to another member, who votes in this member's name.
    case represented
    case absent
}

/// One member of the commission for a session.
public struct CaleolMember: Sendable, Hashable {
    /// A stable identifier (account id or name) used to match ballots.
    public let id: String
    public let role: CaleolMemberRole
    public let attendance: CaleolAttendance

    public init(id: String, role: CaleolMemberRole, attendance: CaleolAttendance = .present) {
        self.id = id
        self.role = role
        self.attendance = attendance
    }

    /// Present or represented: the member's voice can be counted.
    public var takesPart: Bool { attendance != .absent }
}
