import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// A vacancy with three kept candidates on the agenda of a session held today, and the calls
/// the commission's tests make.
struct CaleolFixture {
    let base: PreselectionFixture
    let vacancy: UUID
    let session: UUID
    let nuds: [String]
    let requests: [HousingRequest]
    /// Voting seats by role code; the demo member account holds the EPCI president's seat.
    let seats: [CaleolSessionView.Seat]
    let member: String

    var app: Application { base.app }
    var bailleur: String { base.bailleur }

    static func make(
        _ app: Application, absent: (CaleolSessionView.Seat) -> Bool = { _ in false }
    ) async throws
        -> CaleolFixture
    {
        let base = try await PreselectionFixture.make(app)
        var requests: [HousingRequest] = []
        for number in 1...3 { requests.append(try await base.household(number, score: 100 - number)) }
        let nuds = requests.map { $0.nud ?? "" }
        let vacancy = try await base.vacancy(PreselectionTests.dwelling)
        let outcome = try await base.select(vacancy, nuds)
        XCTAssertEqual(outcome.0, .created)
        let commission = try await CaleolCommission.query(on: app.db).filter(
            \.$name == "CALEOL de SEMIGA – Petite Camargue"
        )
        .first()
        let allSeats = try await CaleolSeat.query(on: app.db).filter(
            \.$commission.$id == (try XCTUnwrap(commission).requireID())
        )
        .all()
        let views = try allSeats.map {
            CaleolSessionView.Seat(
                id: try $0.requireID(), name: $0.name, role: $0.role, roleLabel: "", votes: true, attendance: "present",
                isMe: false)
        }
        var view: CaleolSessionView?
        try await app.send(
            .POST, "api/v1/caleol/sessions",
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: base.bailleur)
                try $0.content.encode(
                    CaleolAPIController.CreateBody(
                        heldOn: PreselectionFixture.today.iso, mode: "presentiel", vacancyIds: [vacancy],
                        absentMemberIds: views.filter(absent).map(\.id)))
            },
            afterResponse: { res in
                XCTAssertEqual(res.status, .created, res.body.string)
                view = try res.content.decode(CaleolSessionView.self)
            })
        let session = try XCTUnwrap(view)
        return CaleolFixture(
            base: base, vacancy: vacancy, session: session.id, nuds: nuds, requests: requests,
            seats: session.seats.filter(\.votes), member: try await app.demoToken("caleol@demo.logis.fr"))
    }

    func seat(_ role: CaleolMemberRole) -> UUID? { seats.first { $0.role == role.code }?.id }

    /// Records a vote; the demo member votes for their own seat, the secretariat for another.
    @discardableResult
    func vote(_ nud: String, _ choice: CaleolVoting.Choice, seat: UUID?) async throws -> (HTTPStatus, String?) {
        let isMember = seat == self.seat(.epciPresident)
        return try await post(
            "api/v1/caleol/sessions/\(session)/votes", token: isMember ? member : bailleur,
            body: CaleolAPIController.VoteBody(
                vacancyId: vacancy, nud: nud, memberId: isMember ? nil : seat, choice: choice))
    }

    /// Every voting seat votes the same choice for the candidate.
    func everyoneVotes(_ nud: String, _ choice: CaleolVoting.Choice) async throws {
        for seat in seats {
            let outcome = try await vote(nud, choice, seat: seat.id)
            XCTAssertEqual(outcome.0, .created, outcome.1 ?? "")
        }
    }

    func decide() async throws -> (HTTPStatus, String?) {
        try await post(
            "api/v1/caleol/sessions/\(session)/decisions", token: bailleur,
            body: CaleolAPIController.DecideBody(vacancyId: vacancy))
    }

    func offers(token: String? = nil) async throws -> [OfferView] {
        var offers: [OfferView] = []
        try await app.send(
            .GET, "api/v1/offers", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token ?? bailleur) },
            afterResponse: { res in
                XCTAssertEqual(res.status, .ok, res.body.string)
                offers = try res.content.decode([OfferView].self)
            })
        return offers
    }

    func post<Body: Content>(_ path: String, token: String, body: Body) async throws -> (HTTPStatus, String?) {
        try await base.post(path, token: token, body: body)
    }

    static func choice(_ code: String, rank: Int? = nil, motif: String? = nil) -> CaleolVoting.Choice {
        CaleolVoting.Choice(code: code, rank: rank, motif: motif, missingPiece: nil, deadline: nil)
    }
}

/// The error body of the API: `{"error": {"code", "message"}}`.
struct APIFailure: Decodable {
    struct Body: Decodable { let code: String }
    let error: Body
}
