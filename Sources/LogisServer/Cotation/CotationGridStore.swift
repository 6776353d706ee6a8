import Fluent
import LogisCore
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// The grids this instance scores with: the bundled files plus the versions EPCI administrators
/// published in `cotation_grid_versions`, compiled once per change.
///
/// Several `logis serve` instances share one database, and a version published on one must be used
/// by the others. A published row is never changed nor deleted, so the number of published rows is
/// a complete signature of the catalog: every instance re-reads that one count (over a table of a
/// few rows) at most every `checkInterval` before scoring, and reloads the
/// versions only when the count moved. The instance that publishes reloads at once; the others
/// within 15 seconds, long before a version can come into force (at the earliest, the day it is
/// published, and the nightly recompute starts by a forced reload).
final class CotationGridStore: @unchecked Sendable {
    private let lock = NIOLock()
    /// 15 s in service; a test sets zero to watch another instance's publication at once.
    private var interval = TimeAmount.seconds(15)
    private var current = CotationGridVersions(catalog: CotationGridCatalog([]), compiled: [:])
    private var publishedCount: Int?
    private var checkedAt = NIODeadline.distantPast

    var versions: CotationGridVersions { lock.withLock { current } }

    var checkInterval: TimeAmount {
        get { lock.withLock { interval } }
        set { lock.withLock { interval = newValue } }
    }

    func replace(_ versions: CotationGridVersions, published: Int?) {
        lock.withLock {
            current = versions
            publishedCount = published
            checkedAt = .now()
        }
    }

    /// Reads the published versions and rebuilds the catalog with the bundled one. A published
    /// version that repeats a bundled id and version is refused as two files would be.
    func reload(on db: any Database) async throws {
        let rows = try await CotationGridRecord.query(on: db).filter(\.$status == .published).all()
        let published = try rows.map { try $0.grid() }
        let catalog: CotationGridCatalog
        do {
            catalog = try CotationGridCatalog(validating: CotationGridCatalog.bundled.grids + published)
        } catch {
            throw LogisError(.internalServerError, coreCode: error.code, message: error.message)
        }
        replace(Application.compile(catalog), published: rows.count)
    }

    /// The cheap check before scoring (see the type's comment); a failure leaves the grids as they
    /// are (scoring goes on with what was loaded) and is logged.
    func refreshIfStale(on db: any Database, logger: Logger) async {
        let due = lock.withLock {
            guard NIODeadline.now() - checkedAt >= interval else { return false }
            checkedAt = .now()
            return true
        }
        guard due else { return }
        do {
            let count = try await CotationGridRecord.query(on: db).filter(\.$status == .published).count()
            if count != lock.withLock({ publishedCount }) { try await reload(on: db) }
        } catch {
            logger.error("cotation grids not refreshed: \(String(reflecting: error))")
        }
    }
}
