import Foundation
import LogisCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Every version of every cotation grid (bundled, and published by an EPCI), compiled once per change; a request is scored
/// with the version in force on the day (`effectiveFrom`, the one clock).
struct CotationGridVersions: Sendable {
    let catalog: CotationGridCatalog
    let compiled: [String: CompiledCotationGrid]

    static func key(_ id: String, _ version: Int) -> String { "\(id)#\(version)" }

    func inForce(_ id: String, on date: CalendarDate) -> CompiledCotationGrid? {
        guard let grid = try? catalog.grid(id: id, effectiveOn: date) else { return nil }
        return compiled[Self.key(grid.id, grid.version)]
    }
}

/// The grids in force today: `app.cotationGrids["petite-camargue"]`.
struct CotationGridsInForce {
    let versions: CotationGridVersions
    let today: CalendarDate

    subscript(id: String) -> CompiledCotationGrid? { versions.inForce(id, on: today) }
}

extension Application {
    private struct GridStoreKey: StorageKey {
        typealias Value = CotationGridStore
    }

    /// Set once in `configure` (`loadCotationGrids`), before any request is served.
    var cotationGridStore: CotationGridStore {
        if let store = storage[GridStoreKey.self] { return store }
        let store = CotationGridStore()
        storage[GridStoreKey.self] = store
        return store
    }

    var cotationGridVersions: CotationGridVersions { cotationGridStore.versions }

    var cotationGrids: CotationGridsInForce {
        CotationGridsInForce(versions: cotationGridVersions, today: clock.today)
    }

    /// The bundled grids, before the database is reached; `CotationGridStore.reload` adds
    /// the published versions of the table (`prepareDatabase`).
    func loadCotationGrids() {
        cotationGridStore.replace(Self.compile(CotationGridCatalog.bundled), published: nil)
    }

    static func compile(_ catalog: CotationGridCatalog) -> CotationGridVersions {
        var compiled: [String: CompiledCotationGrid] = [:]
        for grid in catalog.grids {
            do {
                compiled[CotationGridVersions.key(grid.id, grid.version)] = try CompiledCotationGrid(grid)
            } catch {
                Logger(label: "logis.cotation").error("cotation grid \(grid.id) v\(grid.version) not loaded: \(error)")
            }
        }
        return CotationGridVersions(catalog: catalog, compiled: compiled)
    }
}

/// A version's content fingerprint, stored with every score: a version used to score a request
/// must never change afterwards (issue « rules mended » 5.8); start-up refuses a grid file whose
/// content no longer matches the scores computed with it.
enum CotationGridFingerprint {
    /// A version never changes once used: its fingerprint is computed once per process, not once
    /// per request scored (a JSON encoding and a SHA-256 each time).
    private static let known = NIOLockedValueBox<[String: String]>([:])

    static func cached(_ grid: CotationGrid) -> String {
        let key = "\(grid.id)#\(grid.version)"
        if let hash = known.withLockedValue({ $0[key] }) { return hash }
        let hash = of(grid)
        known.withLockedValue { $0[key] = hash }
        return hash
    }

    static func of(_ grid: CotationGrid) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return HexDigest.sha256((try? encoder.encode(grid)) ?? Data())
    }

    struct Changed: Error, CustomStringConvertible {
        let grid: String
        let version: Int

        var description: String {
            "La grille de cotation « \(grid) » version \(version) a été modifiée alors que des demandes ont été cotées "
                + "avec elle. Rétablissez son contenu et publiez la modification comme une nouvelle version."
        }
    }

    /// Compares the fingerprints stored with the scores with the grids loaded now.
    static func verify(_ app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        struct Used: Decodable {
            let grid: String?
            let version: Int?
            let hash: String?
        }
        let used = try await sql.raw(
            """
            SELECT DISTINCT t.cotation_grid AS "grid", r.grid_version AS "version", r.grid_hash AS "hash" \
            FROM housing_requests r JOIN territories t ON t.id = r.territory_id WHERE r.grid_hash IS NOT NULL
            """
        ).all(decoding: Used.self)
        let catalog = app.cotationGridVersions.catalog
        for row in used {
            guard let id = row.grid, let version = row.version, let hash = row.hash else { continue }
            guard let grid = try? catalog.grid(id: id, version: version), of(grid) == hash else {
                throw Changed(grid: id, version: version)
            }
        }
    }
}
