import Fluent
import LogisCore
import Vapor

/// CALEOL sessions on the JSON API: the bailleur's secretariat creates a session and records
/// decisions; members vote online; both read the session and its minutes.
struct CaleolAPIController: RouteCollection {
    static let secretariat = AccessPolicy.only(.bailleur)
    static let commission = AccessPolicy.only(.bailleur, .caleol)

    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped("api", "v1", "caleol", "sessions")
        sessions.get(use: list).access(Self.commission)
        sessions.post(use: create).access(Self.secretariat)
        let one = sessions.grouped(":session")
        one.get(use: show).access(Self.commission)
        one.post("votes", use: vote).access(Self.commission)
        one.post("decisions", use: decide).access(Self.secretariat)
        one.get("pv.pdf", use: minutes).access(Self.commission)
    }

    struct SessionSummary: Content {
        let id: UUID
        let heldOn: String
        let mode: String
    }

    func list(req: Request) async throws -> [SessionSummary] {
        try await CaleolScope.sessions(for: try req.requireAccount(), on: req.db).map {
            SessionSummary(id: try $0.requireID(), heldOn: $0.heldOn, mode: $0.mode.rawValue)
        }
    }

    struct CreateBody: Content {
        let heldOn: String
        let mode: String?
        let vacancyIds: [UUID]
        let absentMemberIds: [UUID]?
    }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateBody.self)
        let session = try await CaleolSessions.create(
            heldOn: body.heldOn, mode: body.mode ?? CaleolSession.Mode.inPerson.rawValue, vacancyIDs: body.vacancyIds,
            absentSeats: body.absentMemberIds ?? [], on: req)
        let access = try await CaleolScope.open(session.id, for: try req.requireAccount(), on: req.db)
        return try await CaleolSessionView.build(access, on: req).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> CaleolSessionView {
        try await CaleolSessionView.build(try await access(req), on: req)
    }

    struct VoteBody: Content {
        let vacancyId: UUID
        let nud: String
        /// Required when the secretariat records a member's vote.
        let memberId: UUID?
        let choice: CaleolVoting.Choice
    }

    func vote(req: Request) async throws -> Response {
        let access = try await access(req)
        let body = try req.content.decode(VoteBody.self)
        try await CaleolVoting.vote(
            body.choice, nud: body.nud, vacancyID: body.vacancyId, seat: body.memberId, access: access, on: req)
        return try await CaleolSessionView.build(access, on: req).encodeResponse(status: .created, for: req)
    }

    struct DecideBody: Content {
        let vacancyId: UUID
    }

    func decide(req: Request) async throws -> Response {
        let access = try await access(req)
        let body = try req.content.decode(DecideBody.self)
        _ = try await CaleolDecisions.decide(vacancyID: body.vacancyId, access: access, on: req)
        return try await CaleolSessionView.build(access, on: req).encodeResponse(status: .created, for: req)
    }

    func minutes(req: Request) async throws -> Response {
        let access = try await access(req)
        let data = try CaleolMinutesPDF.pdf(try await CaleolMinutes.content(of: access, on: req))
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "inline; filename=\"pv-caleol-\(access.session.heldOn).pdf\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private func access(_ req: Request) async throws -> CaleolScope.Access {
        try await CaleolScope.open(
            req.parameters.get("session").flatMap(UUID.init(uuidString:)), for: try req.requireAccount(), on: req.db)
    }
}
