import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// The desk's name search reads the words of the names (`request_name_words`): each word typed
/// starts a word of the applicant's or co-applicant's names, in the agent's territory only.
final class NameSearchTests: XCTestCase {
    private func request(
        _ app: Application, slug: String, number: Int, last: String, first: String, partner: (String, String)? = nil
    ) async throws -> HousingRequest {
        let territory = try await Territory.query(on: app.db).filter(\.$slug == slug).first()
        let request = HousingRequest(accountID: nil)
        request.$territory.id = try XCTUnwrap(territory).requireID()
        request.status = .active
        request.nud = String(format: "030112%07dGDPUB", number)
        request.firstFiledOn = "2025-01-10"
        request.form.applicant = WorkQueueSQLTests.applicant(last, first, born: "1980-05-06")
        if let partner {
            request.form.coApplicant = CoApplicantSection(
                present: true, lastName: partner.0, firstName: partner.1, birthDate: "1981-01-01", nationality: "fr",
                relationship: "conjoint")
        }
        request.syncSearchColumns()
        try await request.create(on: app.db)
        return request
    }

    private func found(_ app: Application, _ text: String, by agent: String) async throws -> String {
        var body = ""
        try await app.send(
            .POST, "guichet/recherche", beforeRequest: { Browser.post(&$0, form: ["q": text], session: agent) },
            afterResponse: { res in
                XCTAssertEqual(res.status, .ok)
                body = res.body.string
            })
        return body
    }

    func testWordsOfBothPersonsAreFoundByTheirBeginning() async throws {
        try await withApp(demo: true) { app in
            let family = try await request(
                app, slug: "petite-camargue", number: 901, last: "Lefèvre-Dupont", first: "Zébulon",
                partner: ("Nguyen", "Anh"))
            let id = try family.requireID().uuidString
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            for query in ["zeb", "ZÉBULON lefevre", "dupont", "anh", "nguyen zebulon"] {
                let body = try await found(app, query, by: agent)
                XCTAssertTrue(body.contains(id), "« \(query) » finds the family")
            }
            // Found by the co-applicant's name, the line says so (the list shows the applicant's).
            let byPartner = try await found(app, "nguyen", by: agent)
            XCTAssertTrue(byPartner.contains("trouvée par le nom du co-demandeur"), "nguyen")
            let byApplicant = try await found(app, "zebulon", by: agent)
            XCTAssertFalse(byApplicant.contains("trouvée par le nom du co-demandeur"), "zebulon")
            for query in ["ebulon", "zebulonx", "anh martin"] {
                let body = try await found(app, query, by: agent)
                XCTAssertFalse(body.contains(id), "« \(query) » does not")
            }
        }
    }

    /// M0025 writes the words of the requests that were there before it.
    func testTheMigrationWritesTheWordsOfExistingRequests() async throws {
        try await withApp(demo: true) { app in
            let family = try await request(
                app, slug: "petite-camargue", number: 904, last: "Quéré", first: "Yann", partner: ("Le Goff", "Maëlle"))
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM request_name_words").run()
            try await M0025CreateRequestNameWords.fill(on: sql)
            let words = try await sql.raw(
                "SELECT word FROM request_name_words WHERE request_id = \(bind: try family.requireID()) ORDER BY word"
            ).all(decodingColumn: "word", as: String.self)
            XCTAssertEqual(words, ["goff", "le", "maelle", "quere", "yann"])
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            let body = try await found(app, "maelle que", by: agent)
            XCTAssertTrue(body.contains(try family.requireID().uuidString))
        }
    }

    func testTheWordsFollowTheRequestItsTerritoryAndItsAnonymisation() async throws {
        try await withApp(demo: true) { app in
            let gard = try await request(app, slug: "petite-camargue", number: 902, last: "Ortega", first: "Inès")
            let north = try await request(app, slug: "libercourt", number: 903, last: "Ortega", first: "Iris")
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            var body = try await found(app, "ortega", by: agent)
            XCTAssertTrue(body.contains(try gard.requireID().uuidString))
            XCTAssertFalse(body.contains(try north.requireID().uuidString), "another territory's file stays hidden")

            // A change of name is searched at once.
            gard.form.applicant?.lastName = "Ortega-Lambert"
            gard.syncSearchColumns()
            try await gard.save(on: app.db)
            body = try await found(app, "lambert", by: agent)
            XCTAssertTrue(body.contains(try gard.requireID().uuidString))

            // Anonymised: no word is left that could find the person.
            try await RequestAnonymisation.anonymise(gard, app: app, now: Date())
            body = try await found(app, "ortega", by: agent)
            XCTAssertFalse(body.contains(try gard.requireID().uuidString))
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let words = try await sql.raw(
                "SELECT COUNT(*) AS n FROM request_name_words WHERE request_id = \(bind: try gard.requireID())"
            ).first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(words ?? -1, 0)
        }
    }

    /// A save that leaves the names alone (a status, a deadline) leaves the word rows as they
    /// were — the same physical rows, not a delete and an insert of the same words; a change of
    /// name rewrites them.
    func testASaveThatKeepsTheNamesKeepsTheWordRows() async throws {
        try await withApp(demo: true) { app in
            let file = try await request(app, slug: "petite-camargue", number: 904, last: "Moreau", first: "Lina")
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let identity = sql.dialect.name == "sqlite" ? "rowid" : "ctid::text"
            func rows() async throws -> [String] {
                try await sql.raw(
                    """
                    SELECT CAST(\(unsafeRaw: identity) AS TEXT) AS at, word FROM request_name_words \
                    WHERE request_id = \(bind: try file.requireID()) ORDER BY word
                    """
                ).all().map {
                    "\(try $0.decode(column: "word", as: String.self))@\(try $0.decode(column: "at", as: String.self))"
                }
            }
            let before = try await rows()
            XCTAssertEqual(before.count, 2, "moreau, lina")
            file.offerRefusals = (file.offerRefusals ?? 0) + 1
            try await file.save(on: app.db)
            let unchanged = try await rows()
            XCTAssertEqual(unchanged, before)

            file.form.applicant?.firstName = "Léna"
            file.syncSearchColumns()
            try await file.save(on: app.db)
            let renamed = try await rows()
            XCTAssertTrue(renamed.contains { $0.hasPrefix("lena@") }, "\(renamed)")
            XCTAssertFalse(renamed.contains { $0.hasPrefix("lina@") })
        }
    }
}
