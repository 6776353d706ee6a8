import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// The nightly recompute: grid petite-camargue v1, « Ancienneté de la demande (1 point par mois,
/// 60 au plus) ». Three months after its filing a request has 3 more points, in its row and in
/// its ranking rows, without anyone touching the file; a second run of the day changes nothing.
final class CotationRecomputeJobTests: XCTestCase {
    func testSeniorityPointsArriveOvernightInTheScoreAndTheRanking() async throws {
        try await withApp(demo: true) { app in
            let id = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            let before = try await app.storedRequest(id)
            let score = try XCTUnwrap(before.score)

            // Another request filed after it: with pages of one, the run crosses a page boundary.
            _ = try await JobSupport.registeredRequest(app, on: "2025-04-20")
            app.clock = .fixed(try JobSupport.day("2025-06-15").startOfDayDate)
            let report = try await JobSupport.run(CotationRecomputeJob(), app, pageSize: 1)
            XCTAssertEqual(report.outcome, .done)
            XCTAssertGreaterThanOrEqual(report.processed, 2)
            let after = try await app.storedRequest(id)
            XCTAssertEqual(after.score, score + 3, "1 point per month, 3 months")
            let ranked = try await rankingScores(of: id, app)
            XCTAssertEqual(ranked, [score + 3])

            let again = try await JobSupport.run(CotationRecomputeJob(), app)
            XCTAssertEqual(again.outcome, .alreadyDone)
        }
    }

    func testAStaleScoreIsRewrittenAndAStruckOffRequestIsLeftAlone() async throws {
        try await withApp(demo: true) { app in
            let id = try await JobSupport.registeredRequest(app, on: "2026-01-10")
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let fresh = try await app.storedRequest(id).score
            // A score written by an older release, or by hand: the job puts the grid's back.
            try await sql.raw("UPDATE housing_requests SET score = 999 WHERE id = \(bind: id)").run()
            try await JobSupport.run(CotationRecomputeJob(), app)
            let restored = try await app.storedRequest(id).score
            XCTAssertEqual(restored, fresh)

            try await sql.raw("UPDATE housing_requests SET status = 'radiee', score = 7 WHERE id = \(bind: id)").run()
            app.clock = .fixed(try JobSupport.day("2026-01-11").startOfDayDate)
            try await JobSupport.run(CotationRecomputeJob(), app)
            let kept = try await app.storedRequest(id).score
            XCTAssertEqual(kept, 7, "struck off: not scored any more")
        }
    }

    /// One request at a time (the path of a page that failed, here forced by an item budget): the
    /// same score in the row and in its ranking rows as a page would write.
    func testTheItemByItemPathWritesTheRowAndItsRankingRows() async throws {
        try await withApp(demo: true) { app in
            let id = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            let stored = try await app.storedRequest(id).score
            let score = try XCTUnwrap(stored)
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE housing_requests SET score = 999 WHERE id = \(bind: id)").run()
            try await sql.raw("UPDATE \(ident: RankingTable.name) SET score = 999 WHERE request_id = \(bind: id)").run()
            app.clock = .fixed(try JobSupport.day("2025-06-15").startOfDayDate)
            let report = try await JobSupport.run(CotationRecomputeJob(), app, budget: 1_000)
            XCTAssertEqual(report.outcome, .done)
            let after = try await app.storedRequest(id).score
            XCTAssertEqual(after, score + 3)
            let ranked = try await rankingScores(of: id, app)
            XCTAssertEqual(ranked, [score + 3])
        }
    }

    private func rankingScores(of id: UUID, _ app: Application) async throws -> [Int] {
        struct Row: Decodable { let score: Int }
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        let rows = try await sql.raw(
            "SELECT DISTINCT score FROM \(unsafeRaw: RankingTable.name) WHERE request_id = \(bind: id)"
        ).all(decoding: Row.self)
        return rows.map(\.score)
    }
}
