import Fluent
import Vapor

/// Adding a résidence to the bailleur's stock (the page's form and `POST /api/v1/residences`),
/// with the same checks as a line of the CSV import.
enum ResidenceActions {
    struct Fields: Content {
        let reference: String
        let name: String
        let address: String
        /// INSEE code of a commune of the bailleur's territory.
        let communeCode: String
        let qpv: Bool
    }

    static func add(_ fields: Fields, on req: Request) async throws -> Residence {
        let organisation = try await VacancyScope.organisation(of: try req.requireAccount(), on: req.db)
        let organisationID = try organisation.requireID()
        var problems: [String: String] = [:]
        let reference = try TextInput.validated(fields.reference, allowLineBreaks: false)
        if reference.isEmpty || reference.count > 40 { problems["reference"] = "référence de 1 à 40 caractères" }
        let name = try TextInput.validated(fields.name, allowLineBreaks: false)
        if name.isEmpty || name.count > 120 { problems["name"] = "nom de 1 à 120 caractères" }
        let address = try TextInput.validated(fields.address, allowLineBreaks: false)
        if address.isEmpty || address.count > 200 { problems["address"] = "adresse de 1 à 200 caractères" }
        let commune = try await Commune.query(on: req.db).filter(\.$inseeCode == fields.communeCode)
            .filter(\.$territory.$id == organisation.$territory.id).first()
        if commune == nil { problems["communeCode"] = "code INSEE d’une commune de votre territoire" }
        guard problems.isEmpty, let commune else {
            throw LogisError(
                .unprocessableEntity, code: .invalidResidence,
                message: "Certaines informations de la résidence sont invalides.", fields: problems)
        }
        let taken = try await Residence.query(on: req.db).filter(\.$organisation.$id == organisationID)
            .filter(\.$reference == reference).count()
        guard taken == 0 else {
            throw LogisError(
                .conflict, code: .residenceReferenceTaken,
                message: "Une résidence de votre parc porte déjà cette référence.")
        }
        let residence = Residence(
            organisationID: organisationID, territoryID: commune.$territory.id, communeID: try commune.requireID(),
            reference: reference, name: name, address: address, qpv: fields.qpv)
        try await residence.create(on: req.db)
        residence.$commune.value = commune
        return residence
    }
}

/// A résidence on the API.
struct ResidenceDTO: Content {
    let id: UUID
    let reference: String
    let name: String
    let address: String
    let commune: String
    let communeCode: String?
    let qpv: Bool

    init(_ residence: Residence) throws {
        id = try residence.requireID()
        reference = residence.reference
        name = residence.name
        address = residence.address
        commune = residence.commune.name
        communeCode = residence.commune.inseeCode
        qpv = residence.qpv
    }
}
