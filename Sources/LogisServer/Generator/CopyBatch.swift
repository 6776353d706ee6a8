import FluentPostgresDriver
import Foundation
import Logging
import NIOCore

/// A batch of generated rows for PostgreSQL, encoded for `COPY … FROM STDIN` (text format) by
/// the task that built it, so both cores encode while one connection writes.
struct CopyBatch: Sendable {
    struct Table: Sendable {
        let name: String
        let columns: [String]
        let data: ByteBuffer
        let rows: Int
    }

    private(set) var tables: [Table] = []

    mutating func append(_ name: String, columns: [String], rows: [[any CopyTextValue]]) throws {
        var encoder = CopyTextEncoder(capacity: max(1_024, rows.count * columns.count * 12))
        for row in rows { try encoder.row(row) }
        tables.append(Table(name: name, columns: columns, data: encoder.buffer, rows: encoder.rows))
    }

    /// BEGIN, one COPY per table, COMMIT on one connection: the batch is whole or absent, as the
    /// resumption's binary search over the ids expects.
    func write(on database: any PostgresDatabase, logger: Logger) async throws {
        try await database.withConnection { connection in
            connection.eventLoop.makeFutureWithTask { try await write(on: connection, logger: logger) }
        }.get()
    }

    private func write(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            for table in tables where table.rows > 0 {
                try await connection.copyFrom(table: table.name, columns: table.columns, logger: logger) { writer in
                    // CopyData messages of at most 1 MiB: the server reads each whole before parsing it.
                    var data = table.data
                    while let chunk = data.readSlice(length: min(data.readableBytes, 1 << 20)),
                        chunk.readableBytes > 0
                    {
                        try await writer.write(chunk)
                    }
                }
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
