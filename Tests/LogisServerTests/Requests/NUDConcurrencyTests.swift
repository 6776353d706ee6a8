import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

final class NUDConcurrencyTests: XCTestCase {
    /// A complete draft built from the same answers as the wizard tests.
    static func completeForm(communes: CommuneList) -> RequestForm {
        var form = RequestForm()
        for step in FamilyInVauvert.steps {
            guard let wizardStep = WizardStep(rawValue: step.slug) else { continue }
            _ = wizardStep.apply(step.fields, to: &form, communes: communes, today: .today())
        }
        return form
    }

    func testFiftyParallelSubmitsGetFiftyDistinctNUDsWithoutGaps() async throws {
        try await withApp(demo: true) { app in
            let communes = try await CommuneList.load(on: app.db)
            let form = Self.completeForm(communes: communes)
            XCTAssertNil(WizardStep.firstMissing(in: form))
            let found = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            let applicant = try XCTUnwrap(found)
            var drafts: [HousingRequest] = []
            for _ in 0..<50 {
                let draft = HousingRequest(accountID: nil, form: form)
                try await draft.create(on: app.db)
                drafts.append(draft)
            }
            let today = try CalendarDate(year: 2026, month: 11, day: 23)
            let database = app.db
            try await withThrowingTaskGroup(of: Void.self) { group in
                for draft in drafts {
                    group.addTask {
                        try await RequestRegistration.register(
                            draft, deskCode: "GDPUB", by: applicant, on: database, today: today, now: Date())
                    }
                }
                try await group.waitForAll()
            }
            let nuds = try await HousingRequest.query(on: app.db).all().compactMap(\.nud)
            XCTAssertEqual(nuds.count, 50)
            XCTAssertEqual(Set(nuds).count, 50, "every NUD is distinct")
            let sequences = try nuds.map { try NUD(validating: $0).sequence }.sorted()
            XCTAssertEqual(sequences, Array(1...50), "no number lost, no gap")
            XCTAssertTrue(nuds.allSatisfy { $0.hasPrefix("0301126") }, "Gard, November 2026")
        }
    }

    func testTheSameDraftSubmittedTwiceAtOnceGetsOneNUD() async throws {
        try await withApp(demo: true) { app in
            let communes = try await CommuneList.load(on: app.db)
            let found = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            let applicant = try XCTUnwrap(found)
            let draft = HousingRequest(accountID: nil, form: Self.completeForm(communes: communes))
            try await draft.create(on: app.db)
            let id = try draft.requireID()
            let database = app.db
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        // Each submission loads its own copy, as two HTTP requests would.
                        guard let copy = try await HousingRequest.find(id, on: database) else { return false }
                        do {
                            try await RequestRegistration.register(
                                copy, deskCode: "GDPUB", by: applicant, on: database,
                                today: try CalendarDate(year: 2026, month: 11, day: 23), now: Date())
                            return true
                        } catch let error as LogisError where error == RequestRegistration.notADraft {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            XCTAssertEqual(outcomes.filter { $0 }.count, 1, "one submission wins, the other is told it is registered")
            let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == id).count()
            XCTAssertEqual(events, 1)
            let stored = try await app.storedRequest(id)
            XCTAssertTrue(stored.nud?.contains("000001") ?? false, "the only number taken: \(stored.nud ?? "")")
        }
    }

    func testTwentyParallelDraftsOfOneAccountMakeOneLiveRequest() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "pressee@exemple.fr")
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        var status: UInt = 0
                        try await app.send(
                            .POST, "api/v1/requests",
                            beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                            afterResponse: { status = $0.status.code })
                        return status
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            XCTAssertEqual(statuses.filter { $0 == 201 }.count, 1, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == 409 }.count, 19, "the others are told a request exists: \(statuses)")
            let account = try await Account.query(on: app.db).filter(\.$email == "pressee@exemple.fr").first()
            let requests = try await HousingRequest.query(on: app.db)
                .filter(\.$account.$id == (try XCTUnwrap(account).requireID())).count()
            XCTAssertEqual(requests, 1)
        }
    }
}
