import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// The desk's lists answered by SQL: every request can be found whatever the territory's size,
/// each queue holds its requests and no others, and pages add up.
final class WorkQueueSQLTests: XCTestCase {
    static let today = try! CalendarDate(iso: "2026-11-28")

    func testAnOldRequestIsFoundBehindTwoThousandNewerOnes() async throws {
        try await withApp(demo: true) { app in
            let territory = try await gard(app)
            try await insert(app, territory: territory, count: 2_100) { index, request in
                request.form.applicant = Self.applicant("Martin", "Léa", born: "1990-01-01")
                request.firstFiledOn = Self.today.adding(days: -index).iso
            }
            let oldest = try await insert(app, territory: territory, count: 1) { _, request in
                request.form.applicant = Self.applicant("Lefèvre-Dupont", "Zébulon", born: "1950-02-03")
                request.firstFiledOn = "2019-01-01"
            }[0]
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            for query in [["q": "zebulon"], ["q": "DUPONT lef"], ["naissance": "03/02/1950"], ["q": oldest.nud ?? "?"]]
            {
                try await app.send(
                    .POST, "guichet/recherche", beforeRequest: { Browser.post(&$0, form: query, session: agent) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .ok)
                        XCTAssertTrue(res.body.string.contains(oldest.id?.uuidString ?? "?"), "\(query)")
                    })
            }
            // A word 2,100 files share (the common-word path on SQLite): a page of them, newest first.
            try await app.send(
                .POST, "guichet/recherche", beforeRequest: { Browser.post(&$0, form: ["q": "martin"], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("MARTIN Léa"))
                    XCTAssertFalse(res.body.string.contains(oldest.id?.uuidString ?? "?"))
                })
        }
    }

    private func pendingCriteria(_ count: Int, of id: UUID, _ app: Application) async throws -> UUID {
        try await RequestCotation.storePendingCriteria(count, of: id, on: app.db)
        return id
    }

    func testEachQueueHoldsItsRequestsAndNoOthers() async throws {
        try await withApp(demo: true) { app in
            app.clock = .fixed(Self.today.startOfDayDate)
            let territory = try await gard(app)
            func one(_ shape: @escaping (HousingRequest) -> Void) async throws -> UUID {
                let made = try await insert(app, territory: territory, count: 1) { _, request in
                    request.form.applicant = Self.applicant("Queue", "Test", born: "1980-01-01")
                    request.status = .active
                    request.attestationSentAt = Date()
                    request.firstFiledOn = Self.today.adding(months: -3).iso
                    shape(request)
                }
                return try made[0].requireID()
            }
            let expected: [WorkQueue: UUID] = [
                .onlineToCheck: try await one {
                    $0.status = .enregistree
                    $0.deskCode = "GDPUB"
                },
                .handedOver: try await one {
                    $0.status = .brouillon
                    $0.handedOver = true
                    $0.firstFiledOn = nil
                },
                .attestationsDue: try await one {
                    $0.attestationSentAt = nil
                    $0.firstFiledOn = Self.today.adding(months: -2).iso
                },
                .renewalsComing: try await one { $0.firstFiledOn = Self.today.adding(months: -11).iso },
                .criteriaToValidate: try await pendingCriteria(2, of: try await one { _ in }, app),
                .toStrikeOff: try await one { $0.firstFiledOn = Self.today.adding(months: -13).iso },
            ]
            let withPiece = try await one { _ in }
            let document = RequestDocument(
                requestID: withPiece, piece: "piece_identite@0", storedName: "x.pdf", contentType: "application/pdf",
                size: 1, sha256: "x")
            try await document.create(on: app.db)
            let quiet = try await one { _ in }

            let agent = try await Account.query(on: app.db).filter(\.$email == "enregistreur@demo.logis.fr").first()
            for queue in WorkQueue.allCases {
                let page = try await WorkQueues.page(
                    queue, for: try XCTUnwrap(agent), on: app.db, today: Self.today, size: 25)
                let ids = Set(page.items.map(\.requestID))
                let mine = queue == .piecesToCheck ? withPiece : expected[queue]
                XCTAssertEqual(ids, Set([mine].compactMap { $0 }), "\(queue.rawValue) holds exactly its request")
                XCTAssertFalse(ids.contains(quiet), "\(queue.rawValue): a request with nothing due is in no queue")
                XCTAssertEqual(page.total, ids.count)
            }
            let attestation = try await WorkQueues.page(
                .attestationsDue, for: try XCTUnwrap(agent), on: app.db, today: Self.today, size: 25)
            XCTAssertEqual(attestation.overdue, 1, "filed two months ago: the attestation is late")
            XCTAssertEqual(attestation.items.first?.lateDays, 31)
        }
    }

    func testQueuePagesAddUpAndEachShownFileIsAudited() async throws {
        try await withApp(demo: true) { app in
            let territory = try await gard(app)
            try await insert(app, territory: territory, count: 30) { index, request in
                request.form.applicant = Self.applicant("Page\(index)", "Test", born: "1980-01-01")
                request.status = .enregistree
                request.deskCode = "GDPUB"
                request.registeredAt = Date().addingTimeInterval(Double(index))
            }
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            for (page, count) in [(1, 25), (2, 5)] {
                try await app.send(
                    .GET, "guichet/file/en-ligne?page=\(page)", beforeRequest: { Browser.withSession(&$0, agent) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .ok)
                        XCTAssertEqual(res.body.string.components(separatedBy: "/guichet/demandes/").count - 1, count)
                    })
            }
            let listed = try await AuditEntry.query(on: app.db).filter(\.$action == "request_listed")
                .filter(\.$reason == "file en-ligne").count()
            XCTAssertEqual(listed, 30, "every line shown, on both pages, has its audit entry")
        }
    }

    func testAnyPageNumberIsAnsweredWithoutOverflow() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.demoToken("enregistreur@demo.logis.fr")
            for page in ["9223372036854775807", "-9223372036854775808", "0"] {
                try await app.send(
                    .GET, "api/v1/guichet/queues/en-ligne?page=\(page)",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                    afterResponse: { XCTAssertEqual($0.status, .ok, page) })
            }
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "guichet/file/en-ligne?page=9223372036854775807",
                beforeRequest: { Browser.withSession(&$0, agent) },
                afterResponse: { XCTAssertEqual($0.status, .ok) })
        }
    }

    // MARK: - Fixtures

    static func applicant(_ last: String, _ first: String, born: String) -> ApplicantSection {
        ApplicantSection(
            lastName: last, birthName: "", firstName: first, birthDate: born, nationality: "fr", residencePermit: "",
            maritalStatus: "celibataire", phone: "", email: "", street: "", postalCode: "", city: "")
    }

    private func gard(_ app: Application) async throws -> UUID {
        let territory = try await Territory.query(on: app.db).filter(\.$slug == "petite-camargue").first()
        return try XCTUnwrap(territory).requireID()
    }

    /// Registered requests written straight to the database, in batches, with their list columns.
    @discardableResult
    private func insert(
        _ app: Application, territory: UUID, count: Int, _ shape: (Int, HousingRequest) -> Void
    ) async throws -> [HousingRequest] {
        let base = try await HousingRequest.query(on: app.db).count()
        var made: [HousingRequest] = []
        for index in 0..<count {
            let request = HousingRequest(accountID: nil)
            request.$territory.id = territory
            request.status = .active
            request.nud = String(format: "030112%07dGDPUB", base + index + 1)
            request.attestationSentAt = Date()
            shape(index, request)
            request.syncSearchColumns()
            made.append(request)
        }
        for batch in stride(from: 0, to: made.count, by: 200) {
            try await Array(made[batch..<min(batch + 200, made.count)]).create(on: app.db)
        }
        return made
    }
}
