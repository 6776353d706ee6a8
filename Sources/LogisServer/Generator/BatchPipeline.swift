import Fluent
import FluentPostgresDriver
import Foundation
import Logging
import SQLKit

/// The rows of a run of the dataset, as a build task hands them to the writer.
protocol GeneratedBatch: Sendable {
    /// Rows of the main table (requests, dwellings).
    var count: Int { get }
    /// Multi-row INSERTs; the caller holds the transaction.
    func write(on sql: any SQLDatabase) async throws
    func copy() throws -> CopyBatch
}

/// Builds batches ahead on the cooperative pool — on both cores, while the database takes its
/// share — and writes them one at a time, in order: what is written stays a prefix of the
/// dataset, so a rerun still finds where it stopped by a binary search.
struct BatchPipeline: Sendable {
    enum Payload: Sendable {
        case inserts(any GeneratedBatch)
        case copy(CopyBatch)
    }

    let database: any Database
    /// Set on PostgreSQL: batches are encoded for COPY by the task that built them.
    let postgres: (any PostgresDatabase)?
    let logger: Logger
    /// Batches built or being built ahead of the one being written.
    var ahead = 3

    init(database: any Database, copy: Bool, logger: Logger) {
        self.database = database
        postgres = copy ? database as? any PostgresDatabase : nil
        self.logger = logger
    }

    func run(
        _ ranges: [Range<Int>], build: @escaping @Sendable (Range<Int>) throws -> any GeneratedBatch,
        written: (Range<Int>) -> Void
    ) async throws {
        let encode = postgres != nil
        var pending: [Task<Payload, any Error>] = []
        defer { for task in pending { task.cancel() } }
        var next = ranges.makeIterator()
        for range in ranges {
            while pending.count < ahead, let upcoming = next.next() {
                pending.append(
                    Task.detached {
                        let batch = try build(upcoming)
                        return encode ? .copy(try batch.copy()) : .inserts(batch)
                    })
            }
            let payload = try await pending.removeFirst().value
            try await write(payload)
            written(range)
        }
    }

    private func write(_ payload: Payload) async throws {
        switch payload {
        case .inserts(let batch):
            try await database.transaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                try await batch.write(on: sql)
            }
        case .copy(let batch):
            guard let postgres else { return }
            try await batch.write(on: postgres, logger: logger)
        }
    }
}
