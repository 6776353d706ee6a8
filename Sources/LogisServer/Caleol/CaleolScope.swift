import Fluent
import LogisCore
import Vapor

/// Who may see and act on a CALEOL session: the bailleur whose commission it is (it keeps the
/// secretariat: agenda, votes it records for members, the decisions, the minutes) and the
/// members of that commission who have a Logis account. Nobody else, not even another bailleur.
enum CaleolScope {
    static let sessionNotFound = LogisError(
        .notFound, code: .sessionNotFound,
        message: "Cette séance n’existe pas ou ne relève pas de votre commission d’attribution.")
    static let noCommission = LogisError(
        .conflict, code: .noCommission,
        message: "Votre organisme n’a pas de commission d’attribution sur ce territoire : contactez l’administrateur.")

    enum Capacity: Equatable {
        /// An agent of the commission's bailleur.
        case secretary
        /// A member with a seat (its id).
        case member(UUID)
    }

    struct Access {
        let session: CaleolSession
        let commission: CaleolCommission
        let capacity: Capacity
    }

    static func open(_ id: UUID?, for agent: Account, on db: any Database) async throws -> Access {
        guard let id, let session = try await CaleolSession.find(id, on: db),
            let commission = try await CaleolCommission.find(session.$commission.id, on: db)
        else { throw sessionNotFound }
        if agent.role == .bailleur, agent.$organisation.id == commission.$organisation.id {
            return Access(session: session, commission: commission, capacity: .secretary)
        }
        if agent.role == .caleol,
            let seat = try await CaleolSeat.query(on: db).filter(\.$commission.$id == (try commission.requireID()))
                .filter(\.$accountID == (try agent.requireID())).first()
        {
            return Access(session: session, commission: commission, capacity: .member(try seat.requireID()))
        }
        throw sessionNotFound
    }

    /// The sessions an agent may see, newest first.
    static func sessions(for agent: Account, on db: any Database) async throws -> [CaleolSession] {
        var commissionIDs: [UUID] = []
        if agent.role == .bailleur, let organisation = agent.$organisation.id {
            commissionIDs = try await CaleolCommission.query(on: db).filter(\.$organisation.$id == organisation).all()
                .compactMap(\.id)
        } else if agent.role == .caleol {
            commissionIDs = try await CaleolSeat.query(on: db).filter(\.$accountID == (try agent.requireID())).all()
                .map { $0.$commission.id }
        }
        guard !commissionIDs.isEmpty else { return [] }
        return try await CaleolSession.query(on: db).filter(\.$commission.$id ~~ commissionIDs)
            .sort(\.$heldOn, .descending).limit(200).all()
    }
}
