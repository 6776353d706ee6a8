import Fluent
import LogisCore
import Vapor

/// A réservataire of a territory (DOMAIN.md §11): the holder of a contingent (`LogisCore.Reservataire`
/// code) under its own name, « Préfecture du Gard », « Commune de Vauvert ». Named apart from the
/// core's `Reservataire`, which is only the kind of contingent.
final class ReservataireRecord: Model, @unchecked Sendable {
    static let schema = "reservataires"

    @ID(key: .id) var id: UUID?
    @Parent(key: "territory_id") var territory: Territory
    /// `LogisCore.Reservataire` code; dwellings of this contingent carry the same code.
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    /// For a commune's contingent: the commune whose dwellings it holds.
    @OptionalParent(key: "commune_id") var commune: Commune?
    /// The partner organisation whose `reservataire` accounts read its report.
    @OptionalParent(key: "organisation_id") var organisation: Organisation?

    init() {}

    init(territoryID: UUID, kind: Reservataire, name: String, communeID: UUID? = nil, organisationID: UUID? = nil) {
        self.$territory.id = territoryID
        self.kind = kind.rawValue
        self.name = name
        self.$commune.id = communeID
        self.$organisation.id = organisationID
    }

    /// Every stored kind was checked when written; one the vocabulary no longer knows is an error.
    func holder() throws(RuleError) -> Reservataire {
        guard let holder = Reservataire(rawValue: kind) else { throw StoredCode.unknown("réservataire", kind) }
        return holder
    }
}

/// A flux agreement for one year: the share of one bailleur's vacancies due to a réservataire.
final class FluxShareRecord: Model, @unchecked Sendable {
    static let schema = "reservataire_flux_shares"

    @ID(key: .id) var id: UUID?
    @Parent(key: "reservataire_id") var reservataire: ReservataireRecord
    @Parent(key: "bailleur_id") var bailleur: Organisation
    @Field(key: "year") var year: Int
    /// Hundredths of a percent (`FluxShare`).
    @Field(key: "share_basis_points") var shareBasisPoints: Int
    /// The État's part for its public agents (5 % of the 30 %), within the share; nil otherwise.
    @OptionalField(key: "public_agents_basis_points") var publicAgentsBasisPoints: Int?

    init() {}

    init(reservataireID: UUID, bailleurID: UUID, year: Int, share: FluxShare, publicAgents: FluxShare? = nil) {
        self.$reservataire.id = reservataireID
        self.$bailleur.id = bailleurID
        self.year = year
        self.shareBasisPoints = share.basisPoints
        self.publicAgentsBasisPoints = publicAgents?.basisPoints
    }
}
