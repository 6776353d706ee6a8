import Fluent
import Vapor

/// Finds the requests a person may see. An applicant only ever reaches their own: another
/// household's request answers 404, exactly as if it did not exist.
enum RequestLookup {
    static let notFound = LogisError(
        .notFound, code: .requestNotFound, message: "Cette demande n’existe pas ou ne vous est pas accessible.")

    /// The account's request that is still alive (a household has only one), if any.
    static func live(of account: Account, on db: any Database) async throws -> HousingRequest? {
        let requests = try await HousingRequest.query(on: db).filter(\.$account.$id == (try account.requireID()))
            .sort(\.$createdAt, .descending).all()
        return requests.first { $0.status.isLive }
    }

    /// The account's latest request that ended (struck off, abandoned or satisfied): still shown
    /// to its applicant, with its NUD and history, until the retention delay anonymises it.
    static func lastClosed(of account: Account, on db: any Database) async throws -> HousingRequest? {
        try await HousingRequest.query(on: db).filter(\.$account.$id == (try account.requireID()))
            .filter(\.$status ~~ [.radiee, .satisfaite]).filter(\.$nud != nil)
            .sort(\.$updatedAt, .descending).first()
    }

    static let alreadyLive = LogisError(
        .conflict, code: .requestAlreadyExists,
        message: "Votre foyer a déjà une demande en cours : mettez-la à jour plutôt que d’en créer une autre.")

    /// Saves a request that belongs to an account; the database refuses a second live one
    /// (`M0012OneLiveRequestPerAccount`), which becomes the same 409 as the check before it.
    static func saveOwned(_ request: HousingRequest, on db: any Database) async throws {
        do {
            try await request.save(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw alreadyLive
        }
    }

    /// A request by id or NUD, visible to this applicant only.
    static func owned(_ reference: String, by account: Account, on db: any Database) async throws -> HousingRequest {
        let query = HousingRequest.query(on: db).filter(\.$account.$id == (try account.requireID()))
        if let id = UUID(uuidString: reference) {
            query.filter(\.$id == id)
        } else {
            query.filter(\.$nud == reference.uppercased())
        }
        guard let request = try await query.first() else { throw notFound }
        return request
    }
}
