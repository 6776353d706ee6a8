import Foundation

extension SQLiteRestore {
    /// Where the restored database and pieces go (`LOGIS_SQLITE_PATH`, `LOGIS_FILES_DIR`).
    struct Target {
        let database: String
        let files: String

        init(_ settings: Settings) {
            database = URL(fileURLWithPath: settings.sqlitePath).standardizedFileURL.path
            files = URL(fileURLWithPath: settings.filesDirectory, isDirectory: true).standardizedFileURL.path
        }

        /// A database in use is never replaced; an existing one only with `--force`.
        func checkReplaceable(force: Bool) throws {
            if DatabaseInUse.check(database) {
                throw BackupError(
                    code: "database_in_use",
                    message: "La base « \(database) » est ouverte par un autre processus (un serveur Logis ?) : "
                        + "arrêtez-le avant de restaurer.")
            }
            let existing = FileTree.exists(database) || !FileTree.isEmptyOrMissing(files)
            if existing, !force {
                throw BackupError(
                    code: "target_exists",
                    message: "Une base ou des pièces existent déjà (« \(database) », « \(files) ») : "
                        + "ajoutez --force pour les remplacer par la sauvegarde.")
            }
        }

        /// Staging folders beside their targets, so the final moves are renames on one file system.
        func stagingFolders() -> Staging {
            let id = UUID().uuidString
            let databaseFolder = URL(fileURLWithPath: database).deletingLastPathComponent()
                .appendingPathComponent(".logis-restore-\(id)").path
            return Staging(
                databaseFolder: databaseFolder, database: databaseFolder + "/logis.sqlite",
                files: files + ".restore-\(id)")
        }

        /// Moves the current database and pieces aside, the staged ones in, and deletes the old
        /// ones only once both are in place; on any failure the previous state is put back.
        func replace(with staging: Staging) throws {
            let fileManager = FileManager.default
            let id = UUID().uuidString
            let previousFolder = URL(fileURLWithPath: database).deletingLastPathComponent()
                .appendingPathComponent(".logis-previous-\(id)").path
            let previousFiles = files + ".previous-\(id)"
            var undo: [() -> Void] = []
            do {
                try fileManager.createDirectory(atPath: previousFolder, withIntermediateDirectories: true)
                let name = URL(fileURLWithPath: database).lastPathComponent
                for suffix in ["", "-wal", "-shm", "-journal"] where fileManager.fileExists(atPath: database + suffix) {
                    let aside = previousFolder + "/" + name + suffix
                    try fileManager.moveItem(atPath: database + suffix, toPath: aside)
                    undo.append { try? fileManager.moveItem(atPath: aside, toPath: database + suffix) }
                }
                if fileManager.fileExists(atPath: files) {
                    try fileManager.moveItem(atPath: files, toPath: previousFiles)
                    undo.append { try? fileManager.moveItem(atPath: previousFiles, toPath: files) }
                }
                try fileManager.moveItem(atPath: staging.database, toPath: database)
                undo.append { try? fileManager.removeItem(atPath: database) }
                let filesParent = URL(fileURLWithPath: files).deletingLastPathComponent().path
                try fileManager.createDirectory(atPath: filesParent, withIntermediateDirectories: true)
                try fileManager.moveItem(atPath: staging.files, toPath: files)
            } catch {
                for step in undo.reversed() { step() }
                try? fileManager.removeItem(atPath: previousFolder)
                throw BackupError(
                    code: "restore_failed",
                    message:
                        "La restauration n’a pas pu mettre les fichiers en place (\(error.localizedDescription)) ; "
                        + "l’état précédent a été remis.")
            }
            try? fileManager.removeItem(atPath: previousFolder)
            try? fileManager.removeItem(atPath: previousFiles)
        }
    }

    struct Staging {
        let databaseFolder: String
        let database: String
        let files: String

        func remove() {
            try? FileManager.default.removeItem(atPath: databaseFolder)
            try? FileManager.default.removeItem(atPath: files)
        }
    }
}
