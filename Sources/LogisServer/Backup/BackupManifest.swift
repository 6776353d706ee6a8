import Foundation

/// `manifest.json` at the root of a backup archive: what it holds and the SHA-256 of every file,
/// so a restore can prove the archive is whole before it replaces anything.
struct BackupManifest: Codable, Sendable, Equatable {
    /// Raised when the layout of the archive changes; a restore refuses formats it does not know.
    static let currentFormat = 1
    static let entryName = "manifest.json"
    static let databaseEntry = "database/logis.sqlite"
    static let filesFolder = "files/"

    struct Database: Codable, Sendable, Equatable {
        var kind: String
        var entry: String
        var size: Int64
        var sha256: String
        /// Rows per table, counted in the snapshot itself.
        var tables: [String: Int]
    }

    struct File: Codable, Sendable, Equatable {
        /// Relative to the uploaded files directory (`LOGIS_FILES_DIR`).
        var path: String
        var size: Int64
        var sha256: String
    }

    var format: Int
    var createdAt: Date
    var logisVersion: String
    var database: Database
    var fileCount: Int
    var files: [File]

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// A path from the manifest is used to write on disk: it must stay inside the target folder.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }
}

/// Why a backup or a restore stopped, in French for the operator (`logis backup`, `logis restore`).
struct BackupError: Error, CustomStringConvertible, Equatable {
    let code: String
    let message: String
    var description: String { message }

    static func postgres(_ command: String) -> BackupError {
        let tool = command == "backup" ? "pg_dump" : "pg_restore"
        return BackupError(
            code: "postgres_use_pg_tools",
            message:
                "La base configurée est PostgreSQL (DATABASE_URL) : « logis \(command) » ne concerne que SQLite. "
                + "Utilisez \(tool) et l’archivage des journaux WAL, comme le décrit docs/OPERATIONS.md (section « Sauvegardes »)."
        )
    }
}
