import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// The nightly recompute reads a request's answers as the database picks them out of the form
/// (`CotationInputs`, jsonb on PostgreSQL, JSON1 on SQLite), not through the model. Over every
/// request of a generated dataset (households of every shape), those answers must give the very
/// facts the model's form gives, and a run in pages of 2,000 must store the score the grid gives
/// those facts.
final class CotationInputsTests: XCTestCase {
    /// 400 generated requests over 2 territories, as `logis generate` writes them.
    private static func withGeneratedRequests(_ body: (Application) async throws -> Void) async throws {
        try await withApp { app in
            app.clock = .fixed(try CalendarDate(iso: "2026-11-28").startOfDayDate)
            var options = DatasetGenerator.Options(
                requests: 400, dwellings: 50, territories: 2, seed: 7, batchSize: 200)
            options.showProgress = false
            try await DatasetGenerator(app: app, options: options).run()
            try await body(app)
        }
    }

    func testTheDatabasesAnswersGiveTheFormsFactsForEveryDemoRequest() async throws {
        try await Self.withGeneratedRequests { app in
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let requests = try await HousingRequest.query(on: app.db).filter(\.$status != .brouillon).all()
            let inputs: [CotationInputs]
            do {
                inputs = try await CotationInputs.read("r.status <> 'brouillon'", on: sql)
            } catch {
                return XCTFail(String(reflecting: error))
            }
            XCTAssertEqual(inputs.count, requests.count)
            XCTAssertGreaterThan(inputs.count, 100)
            let byID = Dictionary(uniqueKeysWithValues: inputs.map { ($0.id, $0) })
            let today = try CalendarDate(iso: "2026-06-01")
            var seen = (dependents: 0, coApplicant: 0, motifs: 0, incomes: 0, residents: 0)
            for request in requests {
                let input = try XCTUnwrap(byID[try request.requireID()])
                let answers = try JSONDecoder().decode(CotationAnswers.self, from: Data(input.answers.utf8))
                let communes = try await Commune.query(on: app.db).filter(\.$territory.$id == request.$territory.id!)
                    .all()
                let names = TerritoryCommuneNames(communes.map { ($0.postalCode, $0.name) })
                let resident = RequestCotation.lives(in: communes, form: request.form)
                XCTAssertEqual(answers.lives(in: names), resident, request.nud ?? "")
                let fromDatabase = try answers.facts(try input.columns(), today: today, livesInTerritory: resident)
                let fromModel = try RequestCotation.facts(of: request, today: today, livesInTerritory: resident)
                XCTAssertEqual(fromDatabase, fromModel, request.nud ?? "")
                if fromModel.persons > 1 + fromModel.children { seen.dependents += 1 }
                if request.form.coApplicant?.present == true { seen.coApplicant += 1 }
                if !fromModel.motifs.isEmpty { seen.motifs += 1 }
                if fromModel.monthlyIncome > 0 { seen.incomes += 1 }
                if resident { seen.residents += 1 }
            }
            // The comparison covered households of every shape, not only empty answers.
            XCTAssertGreaterThan(seen.coApplicant, 0)
            XCTAssertGreaterThan(seen.motifs, 0)
            XCTAssertGreaterThan(seen.incomes, 0)
            XCTAssertGreaterThan(seen.residents, 0)
        }
    }

    func testARunInPagesStoresTheGridsScoreOfEachRequest() async throws {
        try await Self.withGeneratedRequests { app in
            let day = try JobSupport.day("2027-03-01")
            app.clock = .fixed(day.startOfDayDate)
            let report = try await JobSupport.run(CotationRecomputeJob(), app)
            XCTAssertEqual(report.outcome, .done)
            XCTAssertEqual(report.errors, 0)
            XCTAssertEqual(report.pagesRetried, 0, "each page is read, scored and written as a whole")
            let requests = try await HousingRequest.query(on: app.db)
                .filter(\.$status ~~ CotationRecomputeJob.scored).with(\.$territory).all()
            XCTAssertGreaterThan(requests.count, 100)
            struct Ranked: Decodable {
                let requestID: UUID
                let score: Int

                enum CodingKeys: String, CodingKey {
                    case score
                    case requestID = "request_id"
                }
            }
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let ranked = try await sql.raw("SELECT request_id, score FROM \(ident: RankingTable.name)")
                .all(decoding: Ranked.self)
            XCTAssertFalse(ranked.isEmpty)
            let scores = Dictionary(
                requests.compactMap { r in r.id.map { ($0, r.score) } }, uniquingKeysWith: { a, _ in a })
            for row in ranked { XCTAssertEqual(scores[row.requestID], row.score, "ranking row of \(row.requestID)") }
            for request in requests {
                let territory = try XCTUnwrap(request.territory)
                let grid = try XCTUnwrap(app.cotationGridVersions.inForce(territory.cotationGrid ?? "", on: day))
                let resident = try await RequestCotation.livesInTerritory(request, on: app.db)
                let facts = try RequestCotation.facts(of: request, today: day, livesInTerritory: resident)
                XCTAssertEqual(request.score, grid.total(facts), request.nud ?? "")
                XCTAssertEqual(request.gridVersion, grid.grid.version)
                XCTAssertEqual(request.gridHash, CotationGridFingerprint.cached(grid.grid))
            }
        }
    }
}
