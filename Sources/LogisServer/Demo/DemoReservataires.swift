import Fluent
import LogisCore
import Vapor

/// Petite Camargue's réservataires and their flux agreements with its three bailleurs, for this
/// year and the last. Seed 003 names the bailleurs and Action Logement, not the agreements: the
/// shares below are plausible, invented, and of the legal order — the État up to 30 % of which
/// 5 % for public agents (DOMAIN.md §11), Action Logement, the communes that guarantee loans,
/// the EPCI and the Département.
enum DemoReservataires {
    struct Holder {
        let kind: Reservataire
        let name: String
        /// The commune of a commune's contingent.
        let commune: String?
        /// The directory's organisation whose accounts read the report.
        let organisation: String?
        /// Percent of each bailleur's vacancies, by bailleur name.
        let shares: [String: Int]
    }

    static let semiga = "SEMIGA"
    static let toit = "Un Toit Pour Tous"
    static let gard = "Habitat du Gard"

    static let holders: [Holder] = [
        Holder(
            kind: .etat, name: "Préfecture du Gard", commune: nil, organisation: nil,
            shares: [semiga: 30, toit: 30, gard: 30]),
        Holder(
            kind: .actionLogement, name: "Action Logement Services", commune: nil, organisation: "Action Logement",
            shares: [semiga: 15, toit: 20, gard: 15]),
        Holder(
            kind: .commune, name: "Commune de Vauvert", commune: "Vauvert", organisation: nil,
            shares: [semiga: 10, gard: 10]),
        Holder(
            kind: .commune, name: "Commune d’Aimargues", commune: "Aimargues", organisation: nil, shares: [toit: 10]),
        Holder(kind: .commune, name: "Commune du Cailar", commune: "Le Cailar", organisation: nil, shares: [semiga: 5]),
        Holder(
            kind: .epci, name: "Communauté de communes de Petite Camargue", commune: nil, organisation: nil,
            shares: [semiga: 5, toit: 5, gard: 5]),
        Holder(kind: .departement, name: "Département du Gard", commune: nil, organisation: nil, shares: [gard: 5]),
    ]

    /// The État's public agents: 5 points of its 30 %.
    static let publicAgentsPercent = 5

    static func load(on db: any Database, year: Int) async throws {
        guard
            let territory = try await Territory.query(on: db).filter(\.$slug == DemoTerritories.petiteCamargue.slug)
                .first(),
            try await ReservataireRecord.query(on: db).count() == 0
        else { return }
        let territoryID = try territory.requireID()
        let organisations = try await Organisation.query(on: db).filter(\.$territory.$id == territoryID).all()
        let communes = try await Commune.query(on: db).filter(\.$territory.$id == territoryID).all()
        try await db.transaction { db in
            for holder in holders {
                let record = ReservataireRecord(
                    territoryID: territoryID, kind: holder.kind, name: holder.name,
                    communeID: try communes.first { $0.name == holder.commune }?.requireID(),
                    organisationID: try organisations.first { $0.name == holder.organisation }?.requireID())
                try await record.create(on: db)
                for (bailleur, percent) in holder.shares {
                    guard let organisation = organisations.first(where: { $0.name == bailleur }) else { continue }
                    for agreementYear in [year - 1, year] {
                        try await FluxShareRecord(
                            reservataireID: try record.requireID(), bailleurID: try organisation.requireID(),
                            year: agreementYear, share: FluxShare(percent: percent),
                            publicAgents: holder.kind == .etat ? FluxShare(percent: publicAgentsPercent) : nil
                        ).create(on: db)
                    }
                }
            }
        }
    }
}
