import Fluent
import LogisCore
import Vapor

/// A dwelling of a bailleur's stock (DOMAIN.md §8). Named apart from `Dwelling`, the
/// value the pre-selection reads, which `coreDwelling` builds from it.
final class StockDwelling: Model, @unchecked Sendable {
    static let schema = "dwellings"

    enum Occupancy: String, Codable, Sendable {
        case occupied = "occupe"
        case vacant = "vacant"
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "residence_id") var residence: Residence
    /// Copied from the résidence so a bailleur's scope is one indexed filter.
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "reference") var reference: String
    /// `T1` … `T6` (LogisCore `Typology`).
    @Field(key: "typology") var typology: String
    /// Square metres of living space.
    @Field(key: "surface") var surface: Int
    @Field(key: "floor") var floor: Int
    @Field(key: "elevator") var elevator: Bool
    /// `DwellingAccessibility` raw value: 0 stairs, 1 no stairs, 2 wheelchair-adapted.
    @Field(key: "accessibility") var accessibility: Int
    /// `plai`, `plus` or `pls`.
    @Field(key: "financing") var financing: String
    /// Euros per month, without cents.
    @Field(key: "rent") var rent: Int
    @Field(key: "charges") var charges: Int
    /// `LogisCore.Reservataire` code: whose contingent (flux) the dwelling belongs to.
    @Field(key: "reservataire") var reservataire: String
    @Field(key: "occupancy") var occupancy: Occupancy

    init() {}

    init(residence: Residence, row: StockDwellingFields) throws {
        self.$residence.id = try residence.requireID()
        self.$organisation.id = residence.$organisation.id
        apply(row)
        occupancy = .occupied
    }

    func apply(_ row: StockDwellingFields) {
        reference = row.reference
        typology = row.typology.code
        surface = row.surface
        floor = row.floor
        elevator = row.elevator
        accessibility = row.accessibility.rawValue
        financing = row.financing.code
        rent = row.rent
        charges = row.charges
        reservataire = row.reservataire.rawValue
    }

    /// What the pre-selection compares with the ranking table. Every code was checked when the
    /// dwelling was described; one the vocabulary no longer knows is an error, never a default.
    func coreDwelling(communeCode: String) throws(RuleError) -> Dwelling {
        guard let typology = Typology(code: typology) else { throw StoredCode.unknown("typologie", typology) }
        guard let financing = Financing(code: financing) else { throw StoredCode.unknown("financement", financing) }
        guard let access = DwellingAccessibility(rawValue: accessibility) else {
            throw StoredCode.unknown("accessibilité", String(accessibility))
        }
        guard let holder = Reservataire(rawValue: reservataire) else {
            throw StoredCode.unknown("réservataire", reservataire)
        }
        return Dwelling(
            reference: reference, commune: communeCode, typology: typology, financing: financing,
            monthlyRent: rent + charges, accessibility: access, reservataire: holder)
    }
}

/// A dwelling's described fields, validated (from a form, the API or a CSV line).
struct StockDwellingFields: Sendable, Equatable {
    var reference: String
    var typology: Typology
    var surface: Int
    var floor: Int
    var elevator: Bool
    var accessibility: DwellingAccessibility
    var financing: Financing
    var rent: Int
    var charges: Int
    var reservataire: Reservataire
}
