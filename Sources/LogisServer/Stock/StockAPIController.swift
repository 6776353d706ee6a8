import Fluent
import LogisCore
import Vapor

/// A bailleur's stock on the JSON API: its dwellings, listed and added (DOMAIN.md §8).
struct StockAPIController: RouteCollection {
    static let bailleurs = AccessPolicy.only(.bailleur)

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("dwellings", use: list).access(Self.bailleurs)
        api.post("dwellings", use: create).access(Self.bailleurs)
        api.get("residences", use: residences).access(Self.bailleurs)
        api.post("residences", use: addResidence).access(Self.bailleurs)
    }

    func residences(req: Request) async throws -> [ResidenceDTO] {
        let organisation = try await VacancyScope.organisation(of: try req.requireAccount(), on: req.db)
        return try await Residence.query(on: req.db).filter(\.$organisation.$id == (try organisation.requireID()))
            .with(\.$commune).sort(\.$reference).limit(2_000).all().map(ResidenceDTO.init)
    }

    func addResidence(req: Request) async throws -> Response {
        let residence = try await ResidenceActions.add(try req.content.decode(ResidenceActions.Fields.self), on: req)
        return try await ResidenceDTO(residence).encodeResponse(status: .created, for: req)
    }

    struct DwellingDTO: Content {
        let id: UUID
        let residenceId: UUID
        let residence: String
        let commune: String
        let communeCode: String?
        let reference: String
        let typology: String
        let surface: Int
        let floor: Int
        let elevator: Bool
        let accessibility: Int
        let financing: String
        let rent: Int
        let charges: Int
        let reservataire: String
        let occupancy: String

        init(_ dwelling: StockDwelling) throws {
            id = try dwelling.requireID()
            residenceId = dwelling.$residence.id
            residence = dwelling.residence.name
            commune = dwelling.residence.commune.name
            communeCode = dwelling.residence.commune.inseeCode
            reference = dwelling.reference
            typology = dwelling.typology
            surface = dwelling.surface
            floor = dwelling.floor
            elevator = dwelling.elevator
            accessibility = dwelling.accessibility
            financing = dwelling.financing
            rent = dwelling.rent
            charges = dwelling.charges
            reservataire = dwelling.reservataire
            occupancy = dwelling.occupancy.rawValue
        }
    }

    func list(req: Request) async throws -> [DwellingDTO] {
        let organisation = try await VacancyScope.organisation(of: try req.requireAccount(), on: req.db)
        return try await StockQueries.dwellings(of: try organisation.requireID(), on: req.db).map(DwellingDTO.init)
    }

    struct CreateBody: Content {
        let residenceId: UUID
        let reference: String
        let typology: String
        let surface: Int
        let floor: Int
        let elevator: Bool
        let accessibility: Int
        let financing: String
        let rent: Int
        let charges: Int
        let reservataire: String
    }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateBody.self)
        let values: [String: String] = [
            "reference": body.reference, "typology": body.typology, "surface": "\(body.surface)",
            "floor": "\(body.floor)", "elevator": body.elevator ? "oui" : "non",
            "accessibility": "\(body.accessibility)", "financing": body.financing, "rent": "\(body.rent)",
            "charges": "\(body.charges)", "reservataire": body.reservataire,
        ]
        let dwelling = try await StockQueries.addDwelling(residenceID: body.residenceId, values: values, on: req)
        return try await DwellingDTO(dwelling).encodeResponse(status: .created, for: req)
    }
}

/// The stock's reads, shared by the pages and the API.
enum StockQueries {
    static func dwellings(of organisationID: UUID, on db: any Database) async throws -> [StockDwelling] {
        try await StockDwelling.query(on: db).filter(\.$organisation.$id == organisationID)
            .with(\.$residence) { $0.with(\.$commune) }.sort(\.$reference).limit(2_000).all()
    }

    /// Adds a dwelling to one of the agent's résidences (the page's form and `POST /api/v1/dwellings`).
    static func addDwelling(residenceID: UUID?, values: [String: String], on req: Request) async throws -> StockDwelling
    {
        let organisation = try await VacancyScope.organisation(of: try req.requireAccount(), on: req.db)
        let fields: StockDwellingFields
        switch StockDwellingFields.parse({ values[$0] }) {
        case .success(let parsed): fields = parsed
        case .failure(let problems): throw invalid(problems.items)
        }
        guard let residenceID,
            let residence = try await Residence.query(on: req.db).filter(\.$id == residenceID)
                .filter(\.$organisation.$id == (try organisation.requireID())).with(\.$commune).first()
        else {
            throw LogisError(
                .notFound, code: .residenceNotFound, message: "Cette résidence n’existe pas dans votre parc.")
        }
        let taken = try await StockDwelling.query(on: req.db).filter(\.$organisation.$id == residence.$organisation.id)
            .filter(\.$reference == fields.reference).count()
        guard taken == 0 else {
            throw LogisError(
                .conflict, code: .dwellingReferenceTaken,
                message: "Un logement de votre parc porte déjà cette référence.")
        }
        let dwelling = try StockDwelling(residence: residence, row: fields)
        try await dwelling.create(on: req.db)
        dwelling.$residence.value = residence
        return dwelling
    }

    static func invalid(_ problems: [StockDwellingFields.Problem]) -> LogisError {
        var fields: [String: String] = [:]
        for problem in problems { fields[problem.column] = problem.reason }
        return LogisError(
            .unprocessableEntity, code: .invalidDwelling,
            message: "Certaines caractéristiques du logement sont invalides.",
            fields: fields)
    }
}
