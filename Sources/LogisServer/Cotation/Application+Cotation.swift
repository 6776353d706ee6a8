import LogisCore
import Vapor

extension Application {
    private struct GridsKey: StorageKey {
        typealias Value = [String: CompiledCotationGrid]
    }

    /// The latest version of each cotation grid, compiled once at start-up.
    var cotationGrids: [String: CompiledCotationGrid] {
        get { storage[GridsKey.self] ?? [:] }
        set { storage[GridsKey.self] = newValue }
    }

    func loadCotationGrids() {
        var compiled: [String: CompiledCotationGrid] = [:]
        for id in Set(CotationGridCatalog.bundled.grids.map(\.id)) {
            do {
                compiled[id] = try CompiledCotationGrid(try CotationGridCatalog.bundled.grid(id: id))
            } catch {
                logger.error("cotation grid \(id) not loaded: \(error)")
            }
        }
        cotationGrids = compiled
    }
}
