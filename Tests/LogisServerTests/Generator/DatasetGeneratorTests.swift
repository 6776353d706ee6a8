import Fluent
import FluentPostgresDriver
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// `logis generate`: the same seed writes the same rows, an interrupted run carries on to the
/// same dataset, and the application reads what it wrote (ranking table, pre-selection, search).
final class DatasetGeneratorTests: XCTestCase {
    static let today = try! CalendarDate(iso: "2026-11-28")

    private func options(seed: UInt64, requests: Int = 300, stopAfter: Int? = nil) -> DatasetGenerator.Options {
        var options = DatasetGenerator.Options(
            requests: requests, dwellings: 150, territories: 2, seed: seed, batchSize: 100)
        options.stopAfterBatches = stopAfter
        options.showProgress = false
        return options
    }

    @discardableResult
    private func generate(
        _ app: Application, _ options: DatasetGenerator.Options
    ) async throws
        -> DatasetGenerator.Report
    {
        app.clock = .fixed(Self.today.startOfDayDate)
        return try await DatasetGenerator(app: app, options: options).run()
    }

    /// Every generated row of every table the generator writes, as text, in a fixed order.
    private func dump(_ app: Application) async throws -> [String] {
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        var lines: [String] = []
        let queries = [
            "SELECT id, nud, status, score, search_name, first_filed_on, priorities, income_rfr FROM housing_requests ORDER BY id",
            "SELECT request_id, commune_id, \"rank\" FROM request_wishes ORDER BY request_id, \"rank\"",
            "SELECT request_id, commune_code, score, wished_typologies, eligible_financings FROM ranking_entries ORDER BY request_id, commune_code",
            "SELECT request_id, word FROM request_name_words ORDER BY request_id, word",
            "SELECT id, reference, typology, rent FROM dwellings ORDER BY id",
            "SELECT id, insee_code FROM communes ORDER BY id",
        ]
        for query in queries {
            for row in try await sql.raw("\(unsafeRaw: query)").all() {
                let columns = row.allColumns.map { column in
                    (try? row.decode(column: column, as: String?.self)).flatMap { $0 }
                        ?? (try? row.decode(column: column, as: Int?.self)).flatMap { $0 }.map(String.init)
                        ?? (try? row.decode(column: column, as: UUID.self))?.uuidString ?? "∅"
                }
                lines.append(columns.joined(separator: "|"))
            }
        }
        return lines
    }

    func testTheSameSeedWritesTheSameRowsAndAnotherSeedOtherRows() async throws {
        var first: [String] = []
        var other: [String] = []
        var households: [String] = []
        var otherHouseholds: [String] = []
        try await withApp { app in
            try await generate(app, options(seed: 7))
            first = try await dump(app)
            households = try await self.households(app)
        }
        try await withApp { app in
            try await generate(app, options(seed: 7))
            let again = try await dump(app)
            XCTAssertEqual(again, first)
        }
        try await withApp { app in
            try await generate(app, options(seed: 8))
            other = try await dump(app)
            otherHouseholds = try await self.households(app)
        }
        XCTAssertGreaterThan(first.count, 900)
        XCTAssertEqual(Set(first).intersection(other).count, 0, "seed 8 repeated rows of seed 7")
        // Not only other ids: other households.
        XCTAssertLessThan(Set(households).intersection(otherHouseholds).count, 10)
    }

    /// The households without their ids: name, filing date, income, score.
    private func households(_ app: Application) async throws -> [String] {
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        struct Row: Decodable {
            let name: String?
            let filed: String?
            let income: Int?
            let score: Int?
        }
        return try await sql.raw(
            "SELECT search_name AS name, first_filed_on AS filed, income_rfr AS income, score FROM housing_requests"
        )
        .all(decoding: Row.self).map {
            "\($0.name ?? "")|\($0.filed ?? "")|\($0.income ?? 0)|\($0.score ?? 0)"
        }
    }

    /// PostgreSQL: a large load sets the secondary indexes aside and builds them at the end — even
    /// when the load was cut midway and run again — and writes the same rows as a plain load.
    func testALoadWithoutItsIndexesRebuildsThemAllEvenAfterACut() async throws {
        guard TestApp.databaseURL != nil else { throw XCTSkip("PostgreSQL only: SQLite keeps its indexes") }
        var plain: [String] = []
        var indexes: [String] = []
        try await withApp { app in
            indexes = try await indexDefinitions(app)
            try await generate(app, options(seed: 5, requests: 300))
            plain = try await dump(app)
        }
        try await withApp { app in
            var cut = options(seed: 5, requests: 300, stopAfter: 1)
            cut.setIndexesAsideFrom = 1
            try await generate(app, cut)
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let aside = try await LoadIndexes.pending(on: sql)
            XCTAssertGreaterThan(aside, 10, "the secondary indexes are aside while loading")
            let during = try await indexDefinitions(app)
            XCTAssertEqual(during.count, indexes.count - aside)
            var rest = options(seed: 5, requests: 300)
            rest.setIndexesAsideFrom = 1
            try await generate(app, rest)
            let after = try await indexDefinitions(app)
            XCTAssertEqual(after, indexes, "every index rebuilt as it was")
            let left = try await LoadIndexes.pending(on: sql)
            XCTAssertEqual(left, 0)
            let rows = try await dump(app)
            XCTAssertEqual(rows, plain)
        }
    }

    private func indexDefinitions(_ app: Application) async throws -> [String] {
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        let names = LoadIndexes.tables.map { "'\($0)'" }.joined(separator: ", ")
        return try await sql.raw(
            """
            SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() \
            AND tablename IN (\(unsafeRaw: names)) ORDER BY indexdef
            """
        ).all(decodingColumn: "indexdef", as: String.self)
    }

    /// PostgreSQL: COPY writes, column for column, the rows the multi-row INSERTs write.
    func testCopyWritesExactlyTheRowsTheInsertsWrite() async throws {
        guard TestApp.databaseURL != nil else { throw XCTSkip("PostgreSQL only: SQLite keeps the INSERTs") }
        var inserted: [String] = []
        try await withApp { app in
            var plain = options(seed: 9)
            plain.copy = false
            try await generate(app, plain)
            inserted = try await wholeRows(app)
        }
        try await withApp { app in
            try await generate(app, options(seed: 9))
            let copied = try await wholeRows(app)
            XCTAssertGreaterThan(copied.count, 1_000)
            XCTAssertEqual(copied, inserted)
        }
    }

    /// Every column of every row the generator writes, as PostgreSQL prints the row.
    private func wholeRows(_ app: Application) async throws -> [String] {
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        var rows: [String] = []
        let tables = [
            HousingRequest.schema, RequestWish.schema, RankingTable.name, RequestNameWords.table, Residence.schema,
            StockDwelling.schema,
        ]
        for table in tables {
            rows += try await sql.raw("SELECT t::text AS row FROM \(ident: table) t ORDER BY 1").all(
                decodingColumn: "row", as: String.self
            ).map { "\(table): \($0)" }
        }
        return rows
    }

    /// PostgreSQL: tricky values come back as they were, and a batch whose second COPY fails
    /// leaves nothing of its first.
    func testACopyBatchRoundTripsTrickyValuesAndIsWholeOrAbsent() async throws {
        guard TestApp.databaseURL != nil else { throw XCTSkip("PostgreSQL only") }
        try await withApp { app in
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let postgres = try XCTUnwrap(app.db as? any PostgresDatabase)
            try await sql.raw(
                """
                CREATE TABLE copy_probe (id UUID PRIMARY KEY, label TEXT, note TEXT, form JSONB, at TIMESTAMPTZ, \
                flag BOOLEAN, amount BIGINT, status TEXT)
                """
            ).run()
            let id = UUID()
            let label = "a\\b\tc\nd\re \\N \\. Éloïse 😀"
            let at = Date(timeIntervalSince1970: 1_795_824_000.123456)
            var form = RequestForm()
            form.wishes = WishesSection(
                typologies: ["T2", "Saint-Martin\n\\ \"x\"\t"], communeCodes: ["30341"], wheelchairAccess: false,
                elevatorNeeded: true, maxRent: 600, parking: false)
            let columns = ["id", "label", "note", "form", "at", "flag", "amount", "status"]
            let row: [any CopyTextValue] = [
                id, label, String?.none, form, at, true, Int64.min, RequestStatus.active,
            ]
            var batch = CopyBatch()
            try batch.append("copy_probe", columns: columns, rows: [row])
            try await batch.write(on: postgres, logger: app.logger)

            struct Probe: Decodable {
                let label: String
                let note: String?
                let form: RequestForm
                let at: Date
                let flag: Bool
                let amount: Int64
                let status: String
            }
            let read = try await sql.raw("SELECT * FROM copy_probe WHERE id = \(bind: id)").first(decoding: Probe.self)
            let probe = try XCTUnwrap(read)
            XCTAssertEqual(probe.label, label)
            XCTAssertNil(probe.note)
            XCTAssertEqual(probe.form, form)
            XCTAssertEqual(probe.at.timeIntervalSince1970, at.timeIntervalSince1970, accuracy: 0.000_001)
            XCTAssertTrue(probe.flag)
            XCTAssertEqual(probe.amount, Int64.min)
            XCTAssertEqual(probe.status, "active")

            // The same id again: the second table's COPY breaks the primary key after the first's rows.
            var broken = CopyBatch()
            try await sql.raw("CREATE TABLE copy_probe_words (word TEXT)").run()
            try broken.append("copy_probe_words", columns: ["word"], rows: [["written first"]])
            try broken.append("copy_probe", columns: columns, rows: [row])
            do {
                try await broken.write(on: postgres, logger: app.logger)
                XCTFail("a duplicate id must fail the batch")
            } catch {}
            let words = try await sql.raw("SELECT COUNT(*) AS n FROM copy_probe_words").first(
                decodingColumn: "n", as: Int.self)
            XCTAssertEqual(words, 0, "the batch's first COPY was rolled back")
            let probes = try await sql.raw("SELECT COUNT(*) AS n FROM copy_probe").first(
                decodingColumn: "n", as: Int.self)
            XCTAssertEqual(probes, 1)
        }
    }

    func testAnInterruptedRunCarriesOnToTheSameDataset() async throws {
        var whole: [String] = []
        try await withApp { app in
            try await generate(app, options(seed: 11, requests: 450))
            whole = try await dump(app)
        }
        try await withApp { app in
            let cut = try await generate(app, options(seed: 11, requests: 450, stopAfter: 2))
            XCTAssertEqual(cut.requestsWritten, 200)
            let resumed = try await generate(app, options(seed: 11, requests: 450))
            XCTAssertEqual(resumed.requestsFound, 200)
            XCTAssertEqual(resumed.requestsWritten, 250)
            XCTAssertEqual(resumed.dwellingsFound, 150)
            XCTAssertEqual(resumed.dwellingsWritten, 0)
            let again = try await generate(app, options(seed: 11, requests: 450))
            XCTAssertEqual(
                again, .init(requestsFound: 450, requestsWritten: 0, dwellingsFound: 150, dwellingsWritten: 0))
            let count = try await HousingRequest.query(on: app.db).count()
            XCTAssertEqual(count, 450)
            let rows = try await dump(app)
            XCTAssertEqual(rows, whole)
        }
    }

    func testTheApplicationReadsTheGeneratedRegister() async throws {
        try await withApp(demo: true) { app in
            try await generate(app, options(seed: 3))
            // The ranking rows are the ones the model middleware would have written.
            let check = try await RankingCheck.run(on: app.db, context: app.rankingContext, repair: false)
            XCTAssertGreaterThan(check.requestsChecked, 250)
            XCTAssertEqual(check.differing, [])
            XCTAssertEqual(check.orphanRows, 0)
            // Every model decodes, with a valid NUD and a score.
            let requests = try await HousingRequest.query(on: app.db).filter(\.$deskCode == "G0000").all()
            XCTAssertEqual(requests.count, 150)
            for request in requests {
                XCTAssertNoThrow(try NUD(validating: XCTUnwrap(request.nud)))
                XCTAssertNotNil(request.score)
            }
            // Pre-selection of generated dwellings finds generated candidates.
            var candidates = 0
            for index in 0..<25 {
                let id = GeneratedStockBatch.dwellingID(seed: 3, index: index)
                let found = try await StockDwelling.query(on: app.db).filter(\.$id == id).with(\.$residence).first()
                let stock = try XCTUnwrap(found)
                let commune = try await stock.residence.$commune.get(on: app.db)
                let dwelling = try stock.coreDwelling(communeCode: XCTUnwrap(commune.inseeCode))
                let rows = try await PreselectionQuery.top(3, for: dwelling, dwellingID: id, on: app.db)
                let handWritten = try await PreselectionBench.handWritten(
                    dwelling, limit: 3, on: XCTUnwrap(app.db as? any SQLDatabase))
                XCTAssertEqual(rows.map(\.requestID), handWritten)
                candidates += rows.count
            }
            XCTAssertGreaterThan(candidates, 0)
            // The desk search finds a generated household by its name.
            let someone = try XCTUnwrap(requests.first(where: { $0.status == .active }))
            let account = try await Account.query(on: app.db).filter(\.$email == "admin@demo.logis.fr").first()
            let admin = try XCTUnwrap(account)
            let name = try XCTUnwrap(someone.form.applicant?.lastName)
            let found = try await RequestSearch.run(
                .init(
                    text: name + " " + (someone.form.applicant?.firstName ?? ""), birthDate: "", commune: "", status: ""
                ),
                for: admin, on: app.db)
            XCTAssertTrue(found.contains { $0.requestID == someone.id }, "\(name) not found")
        }
    }
}
