import Fluent
import Vapor

/// A building or estate of a bailleur (DOMAIN.md §8): its address, its commune, whether it lies in
/// a quartier prioritaire de la politique de la ville (QPV).
final class Residence: Model, @unchecked Sendable {
    static let schema = "residences"

    @ID(key: .id) var id: UUID?
    /// The bailleur that owns it: its agents see and change it, nobody else.
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "territory_id") var territory: Territory
    @Parent(key: "commune_id") var commune: Commune
    /// The bailleur's own reference, unique within the bailleur (CSV imports match on it).
    @Field(key: "reference") var reference: String
    @Field(key: "name") var name: String
    @Field(key: "address") var address: String
    @Field(key: "qpv") var qpv: Bool

    init() {}

    init(
        organisationID: UUID, territoryID: UUID, communeID: UUID, reference: String, name: String, address: String,
        qpv: Bool
    ) {
        self.$organisation.id = organisationID
        self.$territory.id = territoryID
        self.$commune.id = communeID
        self.reference = reference
        self.name = name
        self.address = address
        self.qpv = qpv
    }
}
