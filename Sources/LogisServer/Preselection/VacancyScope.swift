import Fluent
import LogisCore
import Vapor

/// Who sees a dwelling or a vacancy, and who proposes its candidates (DOMAIN.md §8, §11): the
/// bailleur sees its own stock; the réservataire sees the vacancies of its contingent in its
/// territory and proposes their candidates. A contingent with no réservataire organisation in
/// the territory is managed by the bailleur (docs/rules/preselection.md).
enum VacancyScope {
    static let noOrganisation = LogisError(
        .forbidden, code: .noOrganisation,
        message: "Votre compte n’est rattaché à aucun bailleur ni réservataire : contactez l’administrateur.")
    static let dwellingNotFound = LogisError(
        .notFound, code: .dwellingNotFound, message: "Ce logement n’existe pas ou ne relève pas de votre organisme.")
    static let vacancyNotFound = LogisError(
        .notFound, code: .vacancyNotFound, message: "Cette vacance n’existe pas ou ne relève pas de votre organisme."
    )
    static let notProposer = LogisError(
        .forbidden, code: .notTheProposer,
        message:
            "Les candidats de ce logement sont proposés par le titulaire de son contingent, pas par votre organisme.")

    static func organisation(of agent: Account, on db: any Database) async throws -> Organisation {
        guard let id = agent.$organisation.id, let organisation = try await Organisation.find(id, on: db) else {
            throw noOrganisation
        }
        return organisation
    }

    /// A dwelling of the agent's bailleur.
    static func ownDwelling(_ id: UUID?, agent: Account, on db: any Database) async throws -> StockDwelling {
        let organisation = try await organisation(of: agent, on: db)
        guard let id, organisation.kind == Organisation.Kind.bailleur.rawValue,
            let dwelling = try await StockDwelling.query(on: db).filter(\.$id == id)
                .filter(\.$organisation.$id == (try organisation.requireID())).with(\.$residence).first()
        else { throw dwellingNotFound }
        return dwelling
    }

    /// A vacancy the agent may see, with its dwelling and résidence loaded.
    static func visibleVacancy(_ id: UUID?, agent: Account, on db: any Database) async throws -> Vacancy {
        let organisation = try await organisation(of: agent, on: db)
        guard let id,
            let vacancy = try await Vacancy.queryWithDwelling(on: db).filter(\.$id == id).first()
        else { throw vacancyNotFound }
        if organisation.id == vacancy.$organisation.id { return vacancy }
        if organisation.kind == Organisation.Kind.reservataire.rawValue,
            organisation.$territory.id == vacancy.$territory.id,
            organisation.reservataireCode == vacancy.dwelling.reservataire
        {
            return vacancy
        }
        throw vacancyNotFound
    }

    /// The organisation that proposes the candidates of this vacancy.
    static func proposer(of vacancy: Vacancy, on db: any Database) async throws -> UUID {
        let contingent = vacancy.dwelling.reservataire
        guard contingent != Reservataire.bailleur.rawValue,
            let holder = try await Organisation.query(on: db).filter(\.$territory.$id == vacancy.$territory.id)
                .filter(\.$kind == Organisation.Kind.reservataire.rawValue)
                .filter(\.$reservataireCode == contingent).first()
        else { return vacancy.$organisation.id }
        return try holder.requireID()
    }
}
