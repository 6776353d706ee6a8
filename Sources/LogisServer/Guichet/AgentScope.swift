import Fluent
import Vapor

/// What an agent may open: the requests of their own territory (all of them for a platform
/// administrator). Every opening is audited with its reason; an attempt outside the territory
/// is audited as denied and answers 404, as if the request did not exist.
enum AgentScope {
    static let outOfScope = LogisError(
        .notFound, code: .requestNotFound,
        message: "Cette demande n’existe pas ou ne relève pas de votre territoire.")

    static func territoryID(of agent: Account) -> UUID? { agent.$territory.id }

    /// Restricts a query to the agent's territory.
    static func restrict(_ query: QueryBuilder<HousingRequest>, to agent: Account) -> QueryBuilder<HousingRequest> {
        guard agent.role != .admin else { return query }
        return query.filter(\.$territory.$id == (territoryID(of: agent) ?? UUID()))
    }

    /// Opens a request for an agent, writing who, when, which file and why to the audit log.
    static func open(_ id: UUID?, reason: AuditReason, on req: Request) async throws -> HousingRequest {
        let agent = try req.requireAccount()
        let target = id.map { AuditTarget.request($0) }
        guard let id,
            let request = try await restrict(HousingRequest.query(on: req.db), to: agent).filter(\.$id == id).first()
        else {
            try await req.audit(.requestRead, target: target, outcome: .denied, reason: .outsideTerritory)
            throw outOfScope
        }
        try await req.audit(.requestRead, target: .request(id), reason: reason)
        return request
    }
}
