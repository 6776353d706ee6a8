import Foundation
import Vapor
import ZIPFoundation

/// `logis restore FILE [--force]`: checks the whole archive against its manifest in a staging
/// folder, and only then puts the database and the pieces in place.
enum SQLiteRestore {
    struct Summary: Sendable {
        let manifest: BackupManifest
        /// Rows per table of the restored database, counted after extraction.
        let tables: [String: Int]
    }

    /// A manifest lists a few thousand files at most; anything larger is not ours.
    static let manifestLimit = 64 * 1024 * 1024

    static func restore(from archivePath: String, app: Application, force: Bool = false) async throws -> Summary {
        let settings = app.logisSettings
        guard settings.databaseKind == .sqlite else { throw BackupError.postgres("restore") }
        guard FileTree.exists(archivePath) else {
            throw BackupError(code: "archive_missing", message: "L’archive « \(archivePath) » est introuvable.")
        }
        let target = Target(settings)
        try target.checkReplaceable(force: force)

        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .read)
        } catch {
            throw BackupError(
                code: "archive_unreadable", message: "« \(archivePath) » n’est pas une archive zip lisible.")
        }
        let manifest = try readManifest(archive)
        try checkEntries(of: archive, against: manifest)

        let staging = target.stagingFolders()
        defer { staging.remove() }
        try extract(
            BackupManifest.databaseEntry, from: archive, to: staging.database, expecting: manifest.database.sha256)
        for file in manifest.files {
            let destination = URL(fileURLWithPath: staging.files).appendingPathComponent(file.path).path
            try extract(BackupManifest.filesFolder + file.path, from: archive, to: destination, expecting: file.sha256)
        }
        try FileManager.default.createDirectory(atPath: staging.files, withIntermediateDirectories: true)

        let tables = try await SQLiteFile.withDatabase(at: staging.database, app: app) { sql in
            guard try await SQLiteFile.quickCheck(sql) == "ok" else {
                throw BackupError(
                    code: "database_corrupt", message: "La base contenue dans l’archive est endommagée (quick_check).")
            }
            // VACUUM INTO writes a rollback-journal file; the server runs in WAL (readers beside
            // the writer), and a WAL database shows when a process has it open.
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            return try await SQLiteFile.tableCounts(sql)
        }
        guard tables == manifest.database.tables else {
            throw BackupError(
                code: "counts_mismatch",
                message:
                    "Les nombres de lignes de la base restaurée ne correspondent pas au manifeste : archive refusée.")
        }
        // The server may have been started while the archive was checked.
        try target.checkReplaceable(force: force)
        try target.replace(with: staging)
        return Summary(manifest: manifest, tables: tables)
    }

    private static func readManifest(_ archive: Archive) throws -> BackupManifest {
        guard let entry = archive[BackupManifest.entryName],
            let data = try? archive.contents(of: entry, limit: manifestLimit),
            let manifest = try? BackupManifest.decoder().decode(BackupManifest.self, from: data)
        else {
            throw BackupError(
                code: "manifest_missing",
                message: "L’archive ne contient pas de manifeste Logis lisible (manifest.json).")
        }
        guard manifest.format == BackupManifest.currentFormat else {
            throw BackupError(
                code: "unknown_format",
                message: "Format de sauvegarde \(manifest.format) inconnu de cette version de Logis "
                    + "(attendu : \(BackupManifest.currentFormat)).")
        }
        guard manifest.database.kind == "sqlite", manifest.database.entry == BackupManifest.databaseEntry,
            manifest.fileCount == manifest.files.count,
            manifest.files.allSatisfy({ BackupManifest.isSafeRelativePath($0.path) })
        else {
            throw BackupError(code: "manifest_invalid", message: "Le manifeste de l’archive est incohérent.")
        }
        return manifest
    }

    /// Every entry is listed and every listed file is present: nothing is restored that the
    /// manifest does not vouch for.
    private static func checkEntries(of archive: Archive, against manifest: BackupManifest) throws {
        let expected = Set(
            [BackupManifest.entryName, BackupManifest.databaseEntry]
                + manifest.files.map { BackupManifest.filesFolder + $0.path })
        let present = Set(archive.filter { $0.type == .file }.map(\.path))
        guard present == expected else {
            let unexpected = present.subtracting(expected).count
            let missing = expected.subtracting(present).count
            throw BackupError(
                code: "entries_mismatch",
                message: "L’archive ne correspond pas à son manifeste (\(missing) fichier(s) manquant(s), "
                    + "\(unexpected) fichier(s) en trop) : rien n’a été restauré.")
        }
    }

    private static func extract(
        _ name: String, from archive: Archive, to path: String, expecting sha256: String
    )
        throws
    {
        guard let entry = archive[name] else {
            throw BackupError(code: "entries_mismatch", message: "« \(name) » manque dans l’archive.")
        }
        do {
            _ = try archive.extract(entry, to: URL(fileURLWithPath: path))
        } catch {
            throw BackupError(
                code: "entry_unreadable",
                message: "« \(name) » ne peut pas être extrait de l’archive (fichier abîmé ?).")
        }
        guard try FileTree.sha256(ofFileAt: path) == sha256 else {
            throw BackupError(
                code: "checksum_mismatch",
                message: "L’empreinte SHA-256 de « \(name) » ne correspond pas au manifeste : archive refusée.")
        }
    }
}
