import Foundation
import Vapor

/// `logis backup FILE [--force]`: a consistent copy of the SQLite database, taken while the server
/// runs, and the uploaded pieces, in one zip with a manifest (docs/OPERATIONS.md, « Sauvegardes »).
struct LogisBackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "L’archive zip à écrire.")
        var file: String

        @Flag(name: "force", help: "Remplace l’archive si elle existe déjà.")
        var force: Bool

        init() {}
    }

    var help: String {
        "Sauvegarde la base SQLite (copie cohérente, serveur en marche) et les pièces déposées dans une archive zip."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            let summary = try await SQLiteBackup.create(
                app: context.application, to: signature.file, force: signature.force)
            let manifest = summary.manifest
            context.console.print(
                "Sauvegarde écrite : \(summary.archivePath) (\(BackupReport.size(summary.archiveSize))).")
            for line in BackupReport.lines(tables: manifest.database.tables, fileCount: manifest.fileCount) {
                context.console.print(line)
            }
            if summary.documentsWithoutFile > 0 {
                context.console.warning(
                    "Attention : \(summary.documentsWithoutFile) pièce(s) enregistrée(s) en base sans fichier "
                        + "dans \(context.application.logisSettings.filesDirectory).")
            }
        } catch let error as BackupError {
            context.console.error(error.message)
            throw error
        }
    }
}

/// `logis restore FILE [--force]`: refuses a database in use, and an existing one without
/// `--force`; checks every checksum of the manifest before replacing anything.
struct LogisRestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "L’archive zip écrite par « logis backup ».")
        var file: String

        @Flag(
            name: "force", help: "Remplace la base et les pièces existantes (jamais une base ouverte par un serveur).")
        var force: Bool

        init() {}
    }

    var help: String {
        "Restaure une sauvegarde de « logis backup » (base SQLite et pièces) après vérification de ses empreintes."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            let summary = try await SQLiteRestore.restore(
                from: signature.file, app: context.application, force: signature.force)
            let settings = context.application.logisSettings
            context.console.print(
                "Sauvegarde du \(BackupReport.date(summary.manifest.createdAt)) restaurée dans \(settings.sqlitePath) "
                    + "et \(settings.filesDirectory) ; empreintes SHA-256 vérifiées.")
            for line in BackupReport.lines(tables: summary.tables, fileCount: summary.manifest.fileCount) {
                context.console.print(line)
            }
        } catch let error as BackupError {
            context.console.error(error.message)
            throw error
        }
    }
}

/// The French lines both commands print.
enum BackupReport {
    static func lines(tables: [String: Int], fileCount: Int) -> [String] {
        let rows = tables.values.reduce(0, +)
        return ["Base SQLite : \(tables.count) tables, \(rows) lignes."]
            + tables.keys.sorted().map { "  \($0) : \(tables[$0] ?? 0)" }
            + ["Pièces déposées : \(fileCount) fichier(s)."]
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? "\(max(1, bytes / 1000)) ko" : String(format: "%.1f Mo", Double(bytes) / 1_000_000)
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "dd/MM/yyyy 'à' HH:mm"
        return formatter.string(from: date)
    }
}
