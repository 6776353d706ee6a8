import Foundation
import SQLKit
import Vapor
import ZIPFoundation

/// `logis backup FILE`: the SQLite database and the uploaded pieces in one zip, with a manifest.
enum SQLiteBackup {
    struct Summary: Sendable {
        let archivePath: String
        let archiveSize: Int64
        let manifest: BackupManifest
        /// Pieces listed in the database whose file was not found: deleted between the snapshot and
        /// the copy of the files, or lost before the backup.
        let documentsWithoutFile: Int
    }

    static func create(app: Application, to archivePath: String, force: Bool = false) async throws -> Summary {
        let settings = app.logisSettings
        guard settings.databaseKind == .sqlite else { throw BackupError.postgres("backup") }
        guard FileTree.exists(settings.sqlitePath) else {
            throw BackupError(
                code: "database_missing",
                message:
                    "Aucune base SQLite à « \(settings.sqlitePath) » : rien à sauvegarder (voir LOGIS_SQLITE_PATH).")
        }
        if FileTree.exists(archivePath), !force {
            throw BackupError(
                code: "archive_exists",
                message: "Le fichier « \(archivePath) » existe déjà : choisissez un autre nom ou ajoutez --force.")
        }
        let archiveURL = URL(fileURLWithPath: archivePath).standardizedFileURL
        let work = archiveURL.deletingLastPathComponent().appendingPathComponent(".logis-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // The database first: a piece uploaded meanwhile is a file without a row (harmless); the
        // reverse order would give rows without files.
        let snapshot = work.appendingPathComponent("logis.sqlite").path
        try await SQLiteFile.snapshot(of: app.db, into: snapshot)
        let (tables, storedNames) = try await SQLiteFile.withDatabase(at: snapshot, app: app) { sql in
            (try await SQLiteFile.tableCounts(sql), try await documentFiles(sql))
        }
        let database = BackupManifest.Database(
            kind: "sqlite", entry: BackupManifest.databaseEntry, size: try FileTree.size(ofFileAt: snapshot),
            sha256: try FileTree.sha256(ofFileAt: snapshot), tables: tables)

        let partial = archiveURL.path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let files: [BackupManifest.File]
        do {
            let archive = try Archive(url: URL(fileURLWithPath: partial), accessMode: .create)
            try archive.addEntry(
                with: BackupManifest.databaseEntry, fileURL: URL(fileURLWithPath: snapshot), compressionMethod: .deflate
            )
            files = try addFiles(under: settings.filesDirectory, to: archive)
            let manifest = BackupManifest(
                format: BackupManifest.currentFormat, createdAt: Date(), logisVersion: LogisVersion.current,
                database: database, fileCount: files.count, files: files)
            try archive.addEntry(named: BackupManifest.entryName, data: try BackupManifest.encoder().encode(manifest))
            try? FileManager.default.removeItem(at: archiveURL)
            // Only a complete archive ever carries the final name.
            try FileManager.default.moveItem(atPath: partial, toPath: archiveURL.path)
            let packed = Set(files.map(\.path))
            return Summary(
                archivePath: archiveURL.path, archiveSize: try FileTree.size(ofFileAt: archiveURL.path),
                manifest: manifest, documentsWithoutFile: storedNames.filter { !packed.contains($0) }.count)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Pieces are immutable once written (random names, replaced by new files), so hashing then
    /// packing reads the same bytes; a piece deleted in between is left out rather than failing.
    private static func addFiles(under root: String, to archive: Archive) throws -> [BackupManifest.File] {
        var files: [BackupManifest.File] = []
        for path in FileTree.regularFiles(under: root) {
            let full = URL(fileURLWithPath: root).appendingPathComponent(path).path
            guard let sha256 = try? FileTree.sha256(ofFileAt: full), let size = try? FileTree.size(ofFileAt: full)
            else { continue }
            do {
                try archive.addEntry(
                    with: BackupManifest.filesFolder + path, fileURL: URL(fileURLWithPath: full),
                    compressionMethod: .none)
            } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
                continue
            }
            files.append(.init(path: path, size: size, sha256: sha256))
        }
        return files
    }

    /// Where each piece of the snapshot should be, relative to the files directory (`DocumentStore`).
    private static func documentFiles(_ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("SELECT stored_name FROM request_documents").all().map {
            let name = try $0.decode(column: "stored_name", as: String.self)
            return String(name.prefix(2)) + "/" + name
        }
    }
}
