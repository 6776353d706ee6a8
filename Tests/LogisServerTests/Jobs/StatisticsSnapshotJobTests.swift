import Fluent
import LogisCore
import SQLKit
import XCTVapor

@testable import LogisServer

/// The daily snapshot keeps each day's count of live requests per territory, status and
/// typology: the counts read through the models, once per day however often the job runs.
final class StatisticsSnapshotJobTests: XCTestCase {
    func testTheDayCountsAreKeptOnceAndTheNextDaySeesTheNewRequest() async throws {
        try await withApp(demo: true) { app in
            let found = try await Territory.query(on: app.db).filter(\.$slug == "petite-camargue").first()
            let territory = try XCTUnwrap(found)
            let territoryID = try territory.requireID()
            let day = try JobSupport.day("2026-05-04")
            _ = try await JobSupport.registeredRequest(app, on: day.iso)
            try await JobSupport.run(StatisticsSnapshotJob(), app)
            let rows = try await StatisticsSnapshotRow.of(territory: territoryID, day: day, on: app.db)
            XCTAssertFalse(rows.isEmpty)
            for status in StatisticsSnapshotJob.counted {
                let expected = try await HousingRequest.query(on: app.db).filter(\.$territory.$id == territoryID)
                    .filter(\.$status == status).count()
                let counted = rows.filter { $0.status == status.rawValue }.map(\.requests).reduce(0, +)
                XCTAssertEqual(counted, expected, status.rawValue)
            }
            XCTAssertFalse(rows.contains { $0.status == RequestStatus.brouillon.rawValue })

            // Run again by hand for the same day (as a resumed run would): nothing is added twice.
            let context = JobContext(app: app, day: day, now: app.clock.now, lastCovered: nil)
            _ = try await StatisticsSnapshotJob().handle(territoryID, context: context, on: app.db)
            let again = try await StatisticsSnapshotRow.of(territory: territoryID, day: day, on: app.db)
            XCTAssertEqual(again, rows)

            let registeredBefore = rows.filter { $0.status == "enregistree" }.map(\.requests).reduce(0, +)
            let next = day.adding(days: 1)
            _ = try await JobSupport.registeredRequest(app, on: next.iso)
            try await JobSupport.run(StatisticsSnapshotJob(), app)
            let tomorrow = try await StatisticsSnapshotRow.of(territory: territoryID, day: next, on: app.db)
            let registeredAfter = tomorrow.filter { $0.status == "enregistree" }.map(\.requests).reduce(0, +)
            XCTAssertEqual(registeredAfter, registeredBefore + 1)
            let yesterday = try await StatisticsSnapshotRow.of(territory: territoryID, day: day, on: app.db)
            XCTAssertEqual(yesterday, rows)
        }
    }
}
