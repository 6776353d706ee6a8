import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The morning's national figures as this instance last served them: the table (public or not)
/// and its JSON answer, for as long as no newer morning is kept. A national figure by commune
/// holds every commune of France (~29,000 lines); parsing the kept text, hiding the small cells
/// and encoding the JSON took ~200 ms a reading (docs/PERFORMANCE.md), for an answer that changes
/// once a day. The key carries the kept morning's computing instant, so a reader never gets an
/// older morning than the database holds, and each instance keeps one entry per figure, year and
/// audience: a few megabytes at most.
final class NationalFigureCache: Sendable {
    struct Key: Hashable, Sendable {
        let figure: ObservatoryFigure
        let year: Int
        let isPublic: Bool
    }

    struct Entry: Sendable {
        /// `national_figures.computed_at` of the morning the table was read from.
        let stamp: String
        let table: FigureTable
        /// The JSON answer, encoded by the first API reader.
        var json: ByteBuffer?
    }

    private let entries = NIOLockedValueBox<[Key: Entry]>([:])

    /// The entry of `key` if it is of the morning kept with `stamp`.
    func entry(_ key: Key, stamp: String) -> Entry? {
        entries.withLockedValue { $0[key] }.flatMap { $0.stamp == stamp ? $0 : nil }
    }

    func store(_ entry: Entry, for key: Key) {
        entries.withLockedValue { $0[key] = entry }
    }

    /// The JSON answer of `key`'s morning, encoded once.
    func json(_ key: Key, stamp: String, encode: (FigureTable) throws -> ByteBuffer) rethrows -> ByteBuffer? {
        guard var entry = entry(key, stamp: stamp) else { return nil }
        if let json = entry.json { return json }
        let json = try encode(entry.table)
        entry.json = json
        store(entry, for: key)
        return json
    }
}

extension Application {
    private struct NationalFigureCacheKey: StorageKey {
        typealias Value = NationalFigureCache
    }

    /// Made in `configure`, before any request is served.
    var nationalFigureCache: NationalFigureCache {
        if let cache = storage[NationalFigureCacheKey.self] { return cache }
        let cache = NationalFigureCache()
        storage[NationalFigureCacheKey.self] = cache
        return cache
    }
}
