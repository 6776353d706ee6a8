import Fluent
import Vapor

/// A territory Logis serves: an EPCI or a commune, in one département and one ceilings zone.
final class Territory: Model, @unchecked Sendable {
    static let schema = "territories"

    @ID(key: .id) var id: UUID?
    /// Used in addresses: /territoires/petite-camargue.
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    /// The intercommunal authority the territory belongs to (or is).
    @Field(key: "epci_name") var epciName: String
    /// Three characters, as in the NUD: `030`, `062`.
    @Field(key: "departement") var departement: String
    /// Ceilings zone: `paris`, `idf` or `autres-regions`.
    @Field(key: "zone") var zone: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "website") var website: String?
    /// Id of the cotation grid the EPCI adopted (LogisCore grid catalog).
    @OptionalField(key: "cotation_grid") var cotationGrid: String?

    @Children(for: \.$territory) var communes: [Commune]
    @Children(for: \.$territory) var guichets: [Guichet]
    @Children(for: \.$territory) var organisations: [Organisation]

    init() {}

    init(
        slug: String, name: String, epciName: String, departement: String, zone: String, summary: String,
        phone: String? = nil, website: String? = nil
    ) {
        self.slug = slug
        self.name = name
        self.epciName = epciName
        self.departement = departement
        self.zone = zone
        self.summary = summary
        self.phone = phone
        self.website = website
    }
}

/// A commune of a territory, where applicants may wish to live.
final class Commune: Model, @unchecked Sendable {
    static let schema = "communes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "territory_id") var territory: Territory
    @Field(key: "name") var name: String
    @Field(key: "postal_code") var postalCode: String
    /// Code officiel géographique (M0016): how the stock and the ranking table name the commune.
    @OptionalField(key: "insee_code") var inseeCode: String?

    init() {}

    init(territoryID: UUID, name: String, postalCode: String) {
        self.$territory.id = territoryID
        self.name = name
        self.postalCode = postalCode
        self.inseeCode = CommuneCodes.code(name: name, postalCode: postalCode)
    }
}
