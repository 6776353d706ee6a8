import Fluent
import Vapor

/// Who reads which réservataire's report: the EPCI administrator every réservataire of its
/// territory, a `reservataire` account only the réservataire of its own organisation
/// (`organisation_id`), the platform administrator all of them.
enum ReservataireScope {
    static let readers = AccessPolicy.only(.epci, .reservataire, .admin)

    static let notFound = LogisError(
        .notFound, code: .reservataireNotFound,
        message: "Ce réservataire n’existe pas ou son bilan ne vous est pas ouvert.")

    /// The réservataires the account may read; nil when it may read none.
    static func visible(_ req: Request) throws -> QueryBuilder<ReservataireRecord>? {
        let account = try req.requireAccount()
        let query = ReservataireRecord.query(on: req.db)
        switch account.role {
        case .admin:
            return query
        case .epci:
            return account.$territory.id.map { query.filter(\.$territory.$id == $0) }
        case .reservataire:
            return account.$organisation.id.map { query.filter(\.$organisation.$id == $0) }
        default:
            throw LogisError.forbidden
        }
    }

    /// One réservataire the account may read, else 404 (whether it exists elsewhere is not told).
    static func find(_ req: Request) async throws -> ReservataireRecord {
        guard let id = req.parameters.get("reservataire").flatMap(UUID.init(uuidString:)),
            let query = try visible(req),
            let record = try await query.filter(\.$id == id).first()
        else { throw notFound }
        return record
    }

    static func all(_ req: Request) async throws -> [ReservataireRecord] {
        guard let query = try visible(req) else { return [] }
        return try await query.with(\.$territory).sort(\.$name).all()
    }
}
