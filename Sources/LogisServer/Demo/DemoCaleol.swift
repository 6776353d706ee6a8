import Fluent
import LogisCore
import Vapor

/// Demo commissions. Seat names are invented; the composition follows DOMAIN.md §9 and, for
/// Libercourt, the CAL described by seed 000 (six members of the bailleur's board, the préfet,
/// the président of the CAHC, the mayor, an insertion association and Action Logement).
/// Petite Camargue has a conférence intercommunale du logement and a plan partenarial (seed
/// 003), so its EPCI president holds the casting vote (CCH L441-2); elsewhere the mayor does.
enum DemoCaleol {
    struct Commission {
        let bailleur: String
        let territory: String
        let name: String
        let castingVote: CaleolMemberRole
        let seats: [(String, CaleolMemberRole)]
    }

    static let presidentSeat = "Président de la Communauté de communes de Petite Camargue (démo)"

    static let commissions = [
        Commission(
            bailleur: "SEMIGA", territory: DemoTerritories.petiteCamargue.slug,
            name: "CALEOL de SEMIGA – Petite Camargue",
            castingVote: CaleolVote.castingVoteRole(epciHasHousingConference: true, epciHasDemandManagementPlan: true),
            seats: [
                ("Administratrice de SEMIGA (démo)", .bailleurRepresentative),
                ("Administrateur de SEMIGA (démo)", .bailleurRepresentative),
                ("Maire de la commune du logement (démo)", .mayor),
                ("Représentant du préfet du Gard (démo)", .prefectRepresentative),
                ("Représentante des locataires (démo)", .tenantRepresentative),
                (presidentSeat, .epciPresident),
                ("Action Logement (démo)", .reservataire),
            ]),
        Commission(
            bailleur: DemoStock.libercourtBailleur, territory: DemoTerritories.libercourt.slug,
            name: "CAL du bailleur de démonstration – Libercourt",
            castingVote: CaleolVote.castingVoteRole(
                epciHasHousingConference: false, epciHasDemandManagementPlan: false),
            seats: [
                ("Membre du conseil d’administration (démo)", .bailleurRepresentative),
                ("Maire de Libercourt (démo)", .mayor),
                ("Représentant du préfet du Pas-de-Calais (démo)", .prefectRepresentative),
                ("Président de la CAHC (démo)", .epciPresident),
                ("Association d’insertion (démo)", .insertionAssociation),
            ]),
    ]

    static func load(on db: any Database) async throws {
        guard try await CaleolCommission.query(on: db).count() == 0 else { return }
        let member = try await Account.query(on: db).filter(\.$email == DemoData.email(for: .caleol)).first()
        for demo in commissions {
            guard let organisation = try await Organisation.query(on: db).filter(\.$name == demo.bailleur).first(),
                let territory = try await Territory.query(on: db).filter(\.$slug == demo.territory).first()
            else { continue }
            let commission = CaleolCommission()
            commission.$organisation.id = try organisation.requireID()
            commission.$territory.id = try territory.requireID()
            commission.name = demo.name
            commission.castingVoteRole = demo.castingVote.code
            try await commission.create(on: db)
            for (name, role) in demo.seats {
                let seat = CaleolSeat()
                seat.$commission.id = try commission.requireID()
                seat.name = name
                seat.role = role.code
                // The demo member account sits as the EPCI president, who votes and holds the casting vote.
                if name == presidentSeat { seat.accountID = member?.id }
                try await seat.create(on: db)
            }
        }
    }
}
