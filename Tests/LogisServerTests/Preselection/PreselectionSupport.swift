import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// Households written straight to the database (the ranking table follows through the model
/// middleware), a vacancy declared through the API, and the calls the pre-selection tests make.
struct PreselectionFixture {
    let app: Application
    let territory: UUID
    let bailleur: String

    static let today = try! CalendarDate(iso: "2026-11-28")

    static func make(_ app: Application) async throws -> PreselectionFixture {
        app.clock = .fixed(today.startOfDayDate)
        let territory = try await Territory.query(on: app.db).filter(\.$slug == "petite-camargue").first()
        return PreselectionFixture(
            app: app, territory: try XCTUnwrap(territory).requireID(),
            bailleur: try await app.demoToken("bailleur@demo.logis.fr"))
    }

    /// A registered, active household of `adults` + `children` with its cotation `score`.
    @discardableResult
    func household(
        _ number: Int, score: Int, communes: [String] = ["Vauvert"], income: Int = 15_000, adults: Int = 1,
        children: Int = 1, typologies: [String] = [], wheelchair: Bool = false, filed: String = "2024-01-10",
        status: RequestStatus = .active
    ) async throws -> HousingRequest {
        var form = RequestForm()
        form.applicant = ApplicantSection(
            lastName: "Foyer\(number)", birthName: "", firstName: "Test", birthDate: "1985-04-02", nationality: "fr",
            residencePermit: "", maritalStatus: "celibataire", phone: "", email: "", street: "", postalCode: "",
            city: "")
        if adults > 1 {
            form.coApplicant = CoApplicantSection(
                present: true, lastName: "Foyer\(number)", firstName: "Conjoint", birthDate: "1984-01-01",
                nationality: "fr", relationship: "conjoint")
        }
        form.dependents = DependentsSection(
            people: (0..<children).map {
                DependentsSection.Person(
                    firstName: "Enfant\($0)", birthDate: "2015-01-01", relationship: "enfant", sharedCustody: false)
            },
            expectingChild: false)
        form.resources = ResourcesSection(
            applicantMonthlyIncome: income / 12, coApplicantMonthlyIncome: 0, otherMonthlyIncome: 0,
            taxIncomeN2: income)
        form.wishes = WishesSection(
            typologies: typologies, communeCodes: communes.map(DemoCommune.code), wheelchairAccess: wheelchair,
            elevatorNeeded: false,
            maxRent: 0, parking: false)
        let request = HousingRequest(accountID: nil, form: form)
        request.$territory.id = territory
        request.status = status
        request.nud = String(format: "0301124%06dGDPUB", number)
        request.firstFiledOn = filed
        request.score = score
        request.householdPersons = form.householdPersons
        request.syncSearchColumns()
        try await request.create(on: app.db)
        return request
    }

    /// The demo dwelling with this reference (SEMIGA's stock), declared vacant through the API.
    func vacancy(_ reference: String, availableOn: String = "2026-12-15") async throws -> UUID {
        let dwelling = try await StockDwelling.query(on: app.db).filter(\.$reference == reference).first()
        var id = UUID()
        try await app.send(
            .POST, "api/v1/vacancies",
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: bailleur)
                try $0.content.encode([
                    "dwellingId": try XCTUnwrap(dwelling).requireID().uuidString, "availableOn": availableOn,
                ])
            },
            afterResponse: { res in
                XCTAssertEqual(res.status, .created, res.body.string)
                struct Created: Decodable { let id: UUID }
                id = try res.content.decode(Created.self).id
            })
        return id
    }

    struct Candidates: Decodable {
        let candidates: [CandidateExplanation]
    }

    func candidates(_ vacancy: UUID, count: Int = 3) async throws -> [CandidateExplanation] {
        var result: [CandidateExplanation] = []
        try await app.send(
            .GET, "api/v1/vacancies/\(vacancy)/candidates?count=\(count)",
            beforeRequest: { $0.headers.bearerAuthorization = .init(token: bailleur) },
            afterResponse: { res in
                XCTAssertEqual(res.status, .ok, res.body.string)
                result = try res.content.decode(Candidates.self).candidates
            })
        return result
    }

    func explanation(_ vacancy: UUID, _ nud: String) async throws -> CandidateExplanation {
        var result: CandidateExplanation?
        try await app.send(
            .GET, "api/v1/vacancies/\(vacancy)/candidates/\(nud)/explanation",
            beforeRequest: { $0.headers.bearerAuthorization = .init(token: bailleur) },
            afterResponse: { res in
                XCTAssertEqual(res.status, .ok, res.body.string)
                result = try res.content.decode(CandidateExplanation.self)
            })
        return try XCTUnwrap(result)
    }

    /// Posts a selection; returns the status and the error code, if any.
    func select(_ vacancy: UUID, _ nuds: [String], justification: String? = nil) async throws -> (HTTPStatus, String?) {
        try await post(
            "api/v1/vacancies/\(vacancy)/selection", token: bailleur,
            body: VacancyAPIController.SelectionBody(candidates: nuds, justification: justification))
    }

    /// Posts a JSON body; returns the status and the error code, if any.
    func post<Body: Content>(_ path: String, token: String, body: Body) async throws -> (HTTPStatus, String?) {
        var outcome: (HTTPStatus, String?) = (.ok, nil)
        try await app.send(
            .POST, path,
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: token)
                try $0.content.encode(body)
            },
            afterResponse: { res in outcome = (res.status, try? res.content.decode(APIFailure.self).error.code) })
        return outcome
    }

    func rankingRows(of request: HousingRequest) async throws -> [RankingTable.Entry] {
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        return try await sql.select().column("*").from(RankingTable.name)
            .where("request_id", .equal, try request.requireID()).orderBy("commune_code")
            .all(decoding: RankingTable.Entry.self)
    }
}
