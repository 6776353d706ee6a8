import Foundation

/// The grids shipped with LogisCore (`Resources/grids/<id>-v<version>.json`).
public struct CotationGridCatalog: Sendable {
    public let grids: [CotationGrid]

    public init(_ grids: [CotationGrid]) {
        self.grids = grids.sorted { ($0.id, $0.version) < ($1.id, $1.version) }
    }

    /// Refuses two grids with the same id and version (as the ceilings refuse two tables of one
    /// year and zone): a version is one content, forever (issue « rules mended » 5.8).
    public init(validating grids: [CotationGrid]) throws(RuleError) {
        var seen = Set<String>()
        for grid in grids where !seen.insert("\(grid.id)#\(grid.version)").inserted {
            throw RuleError(
                code: "duplicate_grid_version",
                message: "Deux fichiers décrivent la grille « \(grid.id) » en version \(grid.version) : une version "
                    + "publiée ne change plus, une modification est une nouvelle version.")
        }
        self.init(grids)
    }

    /// The bundled grids, loaded once (empty only if a bundled file is broken, which the tests rule out).
    public static let bundled: CotationGridCatalog = (try? loadBundled()) ?? CotationGridCatalog([])

    public static func loadBundled() throws(RuleError) -> CotationGridCatalog {
        guard let directory = Bundle.module.url(forResource: "grids", withExtension: nil) else {
            throw RuleError(code: "grid_unavailable", message: "Les grilles de cotation intégrées sont introuvables.")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw RuleError(code: "io_error", message: "Lecture impossible du dossier \(directory.path).")
        }
        var grids: [CotationGrid] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let data: Data
            do {
                data = try Data(contentsOf: directory.appendingPathComponent(name))
            } catch {
                throw RuleError(code: "io_error", message: "Lecture impossible de la grille \(name).")
            }
            do {
                grids.append(try CotationGrid.validated(from: data))
            } catch {
                throw RuleError(code: error.code, message: "\(name) : \(error.message)")
            }
        }
        return try CotationGridCatalog(validating: grids)
    }

    /// The version of a grid in force on `date`: the highest version whose `effectiveFrom` is
    /// absent or on or before the date. A version adopted for a later date waits for it.
    public func grid(id: String, effectiveOn date: CalendarDate) throws(RuleError) -> CotationGrid {
        let versions = grids.filter { $0.id == id }
        guard let grid = versions.last(where: { ($0.effectiveFrom ?? date) <= date }) else {
            if versions.isEmpty { return try self.grid(id: id) }
            throw RuleError(
                code: "grid_unavailable",
                message: "Aucune version de la grille « \(id) » n’est en vigueur le \(date.iso).")
        }
        return grid
    }

    /// A grid by id, at `version` or at its latest version.
    public func grid(id: String, version: Int? = nil) throws(RuleError) -> CotationGrid {
        let candidates = grids.filter { $0.id == id && (version == nil || $0.version == version) }
        guard let grid = candidates.last else {
            let known = Set(grids.map(\.id)).sorted().joined(separator: ", ")
            let versionText = version.map { " en version \($0)" } ?? ""
            throw RuleError(
                code: "grid_unavailable",
                message: "Grille de cotation « \(id) »\(versionText) inconnue (grilles disponibles : \(known))."
            )
        }
        return grid
    }
}
