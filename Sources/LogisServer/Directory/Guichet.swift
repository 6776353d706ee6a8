import Fluent
import Vapor

/// A desk where people are received: `accueil` informs and helps, `enregistrement` also registers
/// requests and issues the NUD (CCH R441-2-1).
final class Guichet: Model, @unchecked Sendable {
    static let schema = "guichets"

    enum Kind: String, Codable, Sendable {
        case accueil
        case enregistrement

        var label: String {
            switch self {
            case .accueil: "Guichet d’accueil"
            case .enregistrement: "Guichet enregistreur"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "territory_id") var territory: Territory
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "street") var street: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    @Field(key: "city") var city: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "hours") var hours: String?
    /// Five characters closing each NUD this desk issues; registering desks only.
    @OptionalField(key: "desk_code") var deskCode: String?
    @OptionalField(key: "notes") var notes: String?

    init() {}

    init(
        territoryID: UUID, kind: Kind, name: String, street: String?, postalCode: String?, city: String,
        email: String?, phone: String?, hours: String?, deskCode: String? = nil, notes: String? = nil
    ) {
        self.$territory.id = territoryID
        self.kind = kind.rawValue
        self.name = name
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.email = email
        self.phone = phone
        self.hours = hours
        self.deskCode = deskCode
        self.notes = notes
    }

    var guichetKind: Kind { Kind(rawValue: kind) ?? .accueil }
}

/// A partner named for a territory: a social landlord or a reservation holder such as Action Logement.
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    enum Kind: String, Codable, Sendable {
        case bailleur
        case reservataire
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "territory_id") var territory: Territory
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "website") var website: String?
    @OptionalField(key: "notes") var notes: String?
    /// For a réservataire: the contingent it holds (`LogisCore.Reservataire` code, M0016).
    @OptionalField(key: "reservataire_code") var reservataireCode: String?

    init() {}

    init(
        territoryID: UUID, kind: Kind, name: String, address: String?, phone: String?, website: String? = nil,
        notes: String? = nil
    ) {
        self.$territory.id = territoryID
        self.kind = kind.rawValue
        self.name = name
        self.address = address
        self.phone = phone
        self.website = website
        self.notes = notes
    }
}
