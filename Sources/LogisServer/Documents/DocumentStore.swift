import Crypto
import Fluent
import LogisCore
import NIOFileSystem
import Vapor

/// Keeps uploaded pieces: files under `var/files/` (outside the web root) with random names,
/// one database row each. Shared by the espace personnel, the API and the guichet.
enum DocumentStore {
    static func directory(_ app: Application) -> String { app.logisSettings.filesDirectory }

    /// Moves the received `file` into place as one more file of `piece`: a piece takes several
    /// files (both sides of a card, three payslips); a new file after a refusal replaces the refused
    /// ones; a validated piece is locked. Evidence of a priority status keeps one file, replaced.
    /// One upload at a time per request.
    static func upload(
        _ file: ReceivedFile, piece: String, to request: HousingRequest, by actor: Account, on req: Request,
        label evidenceLabel: String? = nil
    ) async throws -> RequestDocument {
        let requestID = try request.requireID()
        let inProgress = req.application.uploadsInProgress
        guard await inProgress.begin(requestID) else { throw LogisError.uploadInProgress }
        do {
            let document = try await store(file, piece: piece, to: request, by: actor, on: req, label: evidenceLabel)
            await inProgress.end(requestID)
            return document
        } catch let failure as any DatabaseError where failure.isConstraintFailure {
            // Another instance stored a file of the same piece at the same moment: its row holds the slot.
            await inProgress.end(requestID)
            throw LogisError.uploadInProgress
        } catch {
            await inProgress.end(requestID)
            throw error
        }
    }

    private static func store(
        _ file: ReceivedFile, piece: String, to request: HousingRequest, by actor: Account, on req: Request,
        label evidenceLabel: String?
    ) async throws -> RequestDocument {
        let requestID = try request.requireID()
        guard request.status.isLive else { throw LogisError.requestClosed }
        guard file.size <= UploadedFileKind.maximumSize else { throw LogisError.fileTooLarge }
        guard file.size > 0 else { throw LogisError.emptyFile }
        guard let kind = UploadedFileKind.detect(file.head) else { throw LogisError.unsupportedFileType }
        // A name that says one format over bytes of another is refused: what the agent opens must be
        // what the applicant meant to send.
        switch UploadedFileKind.claimed(by: file.filename) {
        case .none: throw LogisError.unsupportedFileType
        case .some(.some(let claimed)) where claimed != kind: throw LogisError.fileTypeMismatch
        default: break
        }
        // Evidence of a priority status is not a checklist piece: the caller names it.
        guard let label = try evidenceLabel ?? ChecklistView.requiredPiece(piece, of: request, today: req.today)?.label
        else {
            throw LogisError.unknownPiece
        }
        let files = try await RequestDocument.files(of: piece, in: requestID, on: req.db)
        if files.contains(where: { $0.status == .validee }) { throw LogisError.documentLocked }
        let replaced = evidenceLabel != nil ? files : files.filter { $0.status == .refusee }
        let kept = files.filter { file in !replaced.contains { $0 === file } }
        guard kept.count < PieceFileKey.maximumFiles else { throw LogisError.tooManyFiles }
        let key = PieceFileKey(piece: piece, part: kept.count + 1)

        let name =
            SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }
            .joined() + "." + kind.fileExtension
        let path = try storagePath(for: name, app: req.application, creatingFolder: true)
        // Journalled before the file exists, settled in the row's transaction: a kill in between
        // leaves an entry the next start settles (PendingFile), never an orphan file.
        let incoming = PendingFile(storedName: name, createdAt: req.now)
        try await incoming.create(on: req.db)
        do {
            // The same file system: a rename, the bytes are not copied again.
            try await FileSystem.shared.moveItem(at: file.path, to: FilePath(path))
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            try? await incoming.delete(on: req.db)
            throw error
        }
        let document = RequestDocument(
            requestID: requestID, piece: key.stored, storedName: name, contentType: kind.rawValue, size: file.size,
            sha256: file.sha256)
        let outgoing = replaced.map { PendingFile(storedName: $0.storedName, createdAt: req.now) }
        let part = key.part > 1 ? " (fichier \(key.part))" : ""
        do {
            try await req.db.transaction { db in
                for (old, pending) in zip(replaced, outgoing) {
                    try await pending.create(on: db)
                    try await old.delete(on: db)
                }
                try await renumber(kept, on: db)
                try await incoming.delete(on: db)
                try await document.create(on: db)
                try await RequestEvent(
                    requestID: requestID, kind: .documentUploaded,
                    label: PieceHistory.line("Pièce déposée", label: label + part, piece: piece, in: request.form),
                    actor: actor
                ).create(on: db)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            try? await incoming.delete(on: req.db)
            throw error
        }
        for (old, pending) in zip(replaced, outgoing) {
            removeFile(old, app: req.application)
            try await pending.delete(on: req.db)
        }
        if actor.role.isAgent {
            try await req.audit(.requestChanged, target: .request(requestID), reason: .pieceUploaded, actor: actor)
        }
        return document
    }

    /// Removes one file of a piece; the files after it move up, so the piece's parts stay 1…n.
    static func delete(_ document: RequestDocument, on req: Request) async throws {
        guard document.status != .validee else { throw LogisError.documentLocked }
        let key = document.pieceFile
        let others = try await RequestDocument.files(of: key.piece, in: document.$request.id, on: req.db)
            .filter { $0.id != document.id }
        let outgoing = PendingFile(storedName: document.storedName, createdAt: req.now)
        try await req.db.transaction { db in
            try await outgoing.create(on: db)
            try await document.delete(on: db)
            try await renumber(others, on: db)
        }
        removeFile(document, app: req.application)
        try await outgoing.delete(on: req.db)
    }

    /// Gives `files` (one piece's, in part order) the parts 1…n. In ascending order each target
    /// key is free: the files before it have moved down or were removed first.
    private static func renumber(_ files: [RequestDocument], on db: any Database) async throws {
        for (index, file) in files.enumerated() where file.pieceFile.part != index + 1 {
            file.piece = PieceFileKey(piece: file.pieceFile.piece, part: index + 1).stored
            try await file.save(on: db)
        }
    }

    static func contents(of document: RequestDocument, on req: Request) async throws -> ByteBuffer {
        let path = try storagePath(for: document.storedName, app: req.application, creatingFolder: false)
        return try await req.fileio.collectFile(at: path)
    }

    /// Files are spread over 256 folders by the first two characters of their random name.
    static func storagePath(for name: String, app: Application, creatingFolder: Bool) throws -> String {
        guard name.count > 4, name.allSatisfy({ $0.isHexDigit || $0 == "." || $0.isLetter }), !name.contains("..")
        else { throw LogisError.notFound }
        let folder = directory(app) + "/" + String(name.prefix(2))
        if creatingFolder {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        return folder + "/" + name
    }

    private static func removeFile(_ document: RequestDocument, app: Application) {
        if let path = try? storagePath(for: document.storedName, app: app, creatingFolder: false) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
