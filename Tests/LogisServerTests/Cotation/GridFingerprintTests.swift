import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Issue « rules mended » 5.8: « a used version is immutable (content hash stored with each score) ».
final class GridFingerprintTests: XCTestCase {
    func testEachScoreKeepsItsGridFingerprintAndAChangedVersionIsRefused() async throws {
        try await withApp(demo: true) { app in
            let fixture = try await PreselectionFixture.make(app)
            let request = try await fixture.household(1, score: 0)
            try await RequestCotation.refresh(request, on: app.db, app: app)
            let grid = try CotationGridCatalog.bundled.grid(id: "petite-camargue", version: request.gridVersion)
            XCTAssertEqual(request.gridHash, CotationGridFingerprint.of(grid))
            try await CotationGridFingerprint.verify(app)

            // As if the version-1 file had been edited after this request was scored with it.
            request.gridHash = String(repeating: "0", count: 64)
            try await request.save(on: app.db)
            do {
                try await CotationGridFingerprint.verify(app)
                XCTFail("a changed grid version must be refused")
            } catch let changed as CotationGridFingerprint.Changed {
                XCTAssertEqual(changed.grid, "petite-camargue")
                XCTAssertTrue(changed.description.contains("nouvelle version"))
            }
        }
    }

    /// petite-camargue-v1.json: « "effectiveFrom": "2024-01-01" ».
    func testTheVersionInForceFollowsTheClock() async throws {
        try await withApp { app in
            app.clock = .fixed(try CalendarDate(iso: "2023-12-31").startOfDayDate)
            XCTAssertNil(app.cotationGrids["petite-camargue"], "not in force before its date")
            app.clock = .fixed(try CalendarDate(iso: "2024-01-01").startOfDayDate)
            XCTAssertEqual(app.cotationGrids["petite-camargue"]?.grid.version, 1)
        }
    }
}
