import Fluent
import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// A file whose fate is not settled yet: written but its row not committed, or its row gone but
/// the file not yet removed. A process killed in between leaves the entry; `sweep` settles it
/// (the file is kept if a document row names it, removed otherwise), so no orphan file stays.
final class PendingFile: Model, @unchecked Sendable {
    static let schema = "pending_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "stored_name") var storedName: String
    /// Which process wrote the entry: its own entries are settled at its next start at once.
    @Field(key: "host") var host: String
    @Field(key: "pid") var pid: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(storedName: String, createdAt: Date) {
        self.storedName = storedName
        self.host = ProcessInfo.processInfo.hostName
        self.pid = Int(ProcessInfo.processInfo.processIdentifier)
        self.createdAt = createdAt
    }

    /// Entries of another machine are left this long (their upload may still be committing).
    static let settleAfter: TimeInterval = 10 * 60

    /// Settles every entry left by a dead process of this machine, or older than `settleAfter`, and
    /// empties the incoming folders of dead processes (at start: see `IncomingFiles.sweep`); or,
    /// with `only`, the given entries of the current request at once.
    @discardableResult
    static func sweep(
        _ app: Application, now: Date, only given: [PendingFile]? = nil
    ) async throws -> (kept: Int, removed: Int) {
        var kept = 0
        var removed = 0
        let host = ProcessInfo.processInfo.hostName
        let ownPID = Int(ProcessInfo.processInfo.processIdentifier)
        var entries = given ?? []
        if given == nil {
            entries = try await PendingFile.query(on: app.db).all()
            // Uploads cut by a kill left their body or piece in the incoming folder, unjournalled.
            removed += IncomingFiles.sweep(app, now: now)
        }
        for entry in entries {
            let abandoned = entry.host == host && entry.pid != ownPID && !isAlive(pid: entry.pid)
            let settle = given != nil || abandoned || now.timeIntervalSince(entry.createdAt) > settleAfter
            guard settle else { continue }
            let named = try await RequestDocument.query(on: app.db).filter(\.$storedName == entry.storedName).count()
            if named == 0 {
                if let path = try? DocumentStore.storagePath(for: entry.storedName, app: app, creatingFolder: false) {
                    try? FileManager.default.removeItem(atPath: path)
                }
                removed += 1
            } else {
                kept += 1
            }
            try await entry.delete(on: app.db)
        }
        return (kept, removed)
    }

    static func isAlive(pid: Int) -> Bool {
        #if canImport(Glibc)
            return kill(pid_t(pid), 0) == 0 || errno == EPERM
        #else
            return true
        #endif
    }
}

struct M0014CreatePendingFile: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PendingFile.schema)
            .id()
            .field("stored_name", .string, .required)
            .field("host", .string, .required)
            .field("pid", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: PendingFile.schema, named: "pending_files_name", columns: ["stored_name"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingFile.schema).delete()
    }
}
