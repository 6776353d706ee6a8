import Fluent
import Foundation
import LogisCore
import SQLKit
import Vapor

/// `logis generate`: a synthetic register of any size in the configured database. Rows are
/// built from (seed, index) alone and written in batches, each batch (requests with their
/// wishes, ranking rows and name words) in one transaction, in index order. So the rows present
/// are always a prefix of the dataset: a rerun finds where it stopped by a binary search over
/// the ids (a few primary-key probes) and carries on.
struct DatasetGenerator {
    struct Options: Sendable {
        var requests: Int
        var dwellings: Int
        var territories: Int
        var seed: UInt64
        var batchSize = 5_000
        /// Tests: stop after this many request batches, as an interrupted run would.
        var stopAfterBatches: Int?
        /// PostgreSQL: set the secondary indexes aside during the load and build them once at the
        /// end (`LoadIndexes`); on by default from this many requests to write.
        var setIndexesAsideFrom = 100_000
        /// PostgreSQL: COPY rather than multi-row INSERTs (tests compare the rows both write).
        var copy = true
        var showProgress = true
    }

    struct Report: Sendable, Equatable {
        var requestsFound = 0
        var requestsWritten = 0
        var dwellingsFound = 0
        var dwellingsWritten = 0
    }

    let app: Application
    let options: Options

    func run() async throws -> Report {
        guard let sql = app.db as? any SQLDatabase else {
            throw ConfigurationError(message: "logis generate demande une base SQL.")
        }
        let seed = options.seed
        let directory = try await GeneratedDirectory.load(territories: options.territories, seed: seed, on: app.db)
        var report = Report()
        let pipeline = BatchPipeline(database: app.db, copy: options.copy, logger: app.logger)
        let stockBatch = max(GeneratedStockBatch.perResidence, options.batchSize * 2 / 25 * 25)
        report.dwellingsFound = try await Self.firstMissing(
            options.dwellings, table: StockDwelling.schema, on: sql
        ) { GeneratedStockBatch.dwellingID(seed: seed, index: $0) }
        // A batch is whole or absent, so the prefix ends on a batch boundary unless sizes changed.
        report.dwellingsFound -= report.dwellingsFound % GeneratedStockBatch.perResidence
        var stockProgress = GeneratorProgress(
            label: "logements", total: options.dwellings, alreadyDone: report.dwellingsFound)
        let dwellingRanges = Self.ranges(from: report.dwellingsFound, to: options.dwellings, by: stockBatch)
        try await pipeline.run(dwellingRanges) { range in
            GeneratedStockBatch.build(range, seed: seed, directory: directory)
        } written: { range in
            report.dwellingsWritten += range.count
            if options.showProgress { stockProgress.update(range.upperBound) }
        }
        report.requestsFound = try await Self.firstMissing(options.requests, table: HousingRequest.schema, on: sql) {
            GeneratedRequestBatch.requestID(seed: seed, index: $0)
        }
        // A killed load left indexes aside: it carries on without them, and rebuilds them after.
        let leftAside = try await LoadIndexes.pending(on: sql)
        if options.requests - report.requestsFound >= options.setIndexesAsideFrom || leftAside > 0 {
            _ = try await LoadIndexes.setAside(on: sql)
        }
        try await generateRequests(directory: directory, pipeline: pipeline, sql: sql, report: &report)
        if options.stopAfterBatches == nil {
            let show = options.showProgress
            try await LoadIndexes.restore(on: sql) { name in
                if show { FileHandle.standardError.write(Data("index \(name)…\n".utf8)) }
            }
        }
        return report
    }

    /// Writes the requests after `report.requestsFound` (the prefix already there).
    private func generateRequests(
        directory: GeneratedDirectory, pipeline: BatchPipeline, sql: any SQLDatabase, report: inout Report
    )
        async throws
    {
        let seed = options.seed
        var scoring: [String: GeneratedRequestBatch.Scoring] = [:]
        for key in Set(directory.places.map(\.gridKey)) {
            let grid = app.cotationGrids[key]
            scoring[key] = .init(grid: grid, gridHash: grid.map { CotationGridFingerprint.of($0.grid) })
        }
        let scores = scoring
        let context = app.rankingContext
        var progress = GeneratorProgress(
            label: "demandes", total: options.requests, alreadyDone: report.requestsFound)
        var ranges = Self.ranges(from: report.requestsFound, to: options.requests, by: options.batchSize)
        if let stop = options.stopAfterBatches { ranges = Array(ranges.prefix(stop)) }
        var written = 0
        try await pipeline.run(ranges) { range in
            try GeneratedRequestBatch.build(range, seed: seed, directory: directory, scoring: scores, context: context)
        } written: { range in
            written += range.count
            if options.showProgress { progress.update(range.upperBound) }
        }
        report.requestsWritten += written
        try await raiseNUDCounters(directory: directory, sql: sql)
    }

    /// A desk of a generated territory that registers a request this month must not reuse a
    /// generated sequence: its counter starts after the largest.
    private func raiseNUDCounters(directory: GeneratedDirectory, sql: any SQLDatabase) async throws {
        let today = app.clock.today
        let highest = (options.requests + directory.places.count - 1) / directory.places.count
        for departement in Set(directory.places.map(\.departement)).sorted() {
            let key = "\(departement)-\(today.year)-\(today.month)"
            try await sql.raw(
                """
                INSERT INTO nud_counters (counter_key, last_value) VALUES (\(bind: key), \(bind: highest)) \
                ON CONFLICT (counter_key) DO UPDATE SET last_value = \
                CASE WHEN nud_counters.last_value < excluded.last_value THEN excluded.last_value \
                ELSE nud_counters.last_value END
                """
            ).run()
        }
    }

    /// `start..<end` in runs of `size`.
    static func ranges(from start: Int, to end: Int, by size: Int) -> [Range<Int>] {
        stride(from: start, to: end, by: max(1, size)).map { $0..<min(end, $0 + max(1, size)) }
    }

    /// The number of leading rows of the dataset already written (rows `0..<n` exist, `n` not).
    static func firstMissing(
        _ count: Int, table: String, on sql: any SQLDatabase, id: (Int) -> UUID
    ) async throws -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let found = try await sql.select().column(SQLLiteral.numeric("1")).from(table)
                .where("id", .equal, id(middle)).first()
            if found != nil { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
