import Fluent
import XCTVapor

@testable import LogisServer

/// `GET /api/v1/requests/{reference}` reads its request as a plain row: its answer must stay the
/// one the stored request gives, every key and value.
final class RequestReadTests: XCTestCase {
    struct Shown: Decodable {
        struct Renewal: Decodable {
            let anniversary: String
            let reminder: String
            let radiation: String
        }

        let id: UUID
        let status: String
        let nud: String?
        let firstFiledOn: String?
        let householdPersons: Int
        let renewal: Renewal?
        let missingSteps: [String]
        let form: RequestForm
    }

    func testTheApplicantReadsTheirStoredRequestByIdAndByNUD() async throws {
        try await withApp { app in
            try await app.loadDemoData(requests: true)
            let token = try await app.demoToken("demandeur@demo.logis.fr")
            let account = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            let stored = try await HousingRequest.query(on: app.db)
                .filter(\.$account.$id == XCTUnwrap(account).requireID()).first()
            let request = try XCTUnwrap(stored)
            let nud = try XCTUnwrap(request.nud)
            var expected = ByteBuffer()
            var headers = HTTPHeaders()
            try ContentConfiguration.global.requireEncoder(for: .json)
                .encode(RequestDTO(request), to: &expected, headers: &headers)
            let schedule = try XCTUnwrap(RequestLifecycle.schedule(of: request))

            for reference in [try request.requireID().uuidString, nud, nud.lowercased()] {
                try await app.send(
                    .GET, "api/v1/requests/\(reference)",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .ok, res.body.string)
                        // Foundation's encoder on Linux orders an object's keys differently from one
                        // answer to the next: the JSON values are compared, every key and value.
                        let shownJSON = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? NSDictionary
                        let storedJSON = try JSONSerialization.jsonObject(with: Data(buffer: expected)) as? NSDictionary
                        XCTAssertNotNil(shownJSON)
                        XCTAssertEqual(shownJSON, storedJSON, reference)
                        let shown = try res.content.decode(Shown.self)
                        XCTAssertEqual(shown.id, request.id)
                        XCTAssertEqual(shown.status, request.status.rawValue)
                        XCTAssertEqual(shown.nud, nud)
                        XCTAssertEqual(shown.firstFiledOn, request.firstFiledOn)
                        XCTAssertEqual(shown.householdPersons, request.form.householdPersons)
                        XCTAssertEqual(shown.renewal?.anniversary, schedule.anniversary.iso)
                        XCTAssertEqual(shown.renewal?.radiation, schedule.radiation.iso)
                        XCTAssertEqual(shown.form.applicant?.lastName, request.form.applicant?.lastName)
                        XCTAssertEqual(shown.form.wishes?.communeCodes, request.form.wishes?.communeCodes)
                        XCTAssertEqual(shown.form.resources?.taxIncomeN2, request.form.resources?.taxIncomeN2)
                    })
            }
        }
    }

    func testADraftShowsItsMissingStepsAndNoRenewal() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "lecture@exemple.fr")
            var id = ""
            try await app.send(
                .POST, "api/v1/requests", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { id = try $0.content.decode(Shown.self).id.uuidString })
            try await app.send(
                .GET, "api/v1/requests/\(id)", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok, res.body.string)
                    let shown = try res.content.decode(Shown.self)
                    XCTAssertEqual(shown.status, "brouillon")
                    XCTAssertNil(shown.nud)
                    XCTAssertNil(shown.renewal)
                    XCTAssertEqual(shown.missingSteps.count, 9)
                })
        }
    }
}
