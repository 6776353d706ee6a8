import Fluent
import LogisCore
import Vapor

/// The checklist of one request with the state of each piece, for pages and the API.
struct ChecklistView: Content {
    struct Item: Content {
        /// Checklist code with `@N` for a person's piece.
        let code: String
        let label: String
        let level: String
        let personIndex: Int?
        let personLabel: String?
        /// `manquante`, `en_attente`, `validee` or `refusee`.
        let status: String
        let statusLabel: String
        let documentId: UUID?
        let refusalReason: String?
        let refusalLabel: String?
        let comment: String?
        let canUpload: Bool
        /// The piece's files, first first (several for both sides of a card, three payslips…).
        let files: [File]
        /// Another file may be added (not validated, fewer than `PieceFileKey.maximumFiles`).
        let canAddFile: Bool
    }

    struct File: Content {
        let id: UUID
        /// 1 for the first file of the piece.
        let number: Int
        let contentType: String
        let size: Int
        let uploadedAt: Date?
        /// « Fichier 2 · PDF, 120 ko »
        let label: String
        /// « PDF, 120 ko »
        let details: String
    }

    let checklist: [Item]
    let completeForInstruction: Bool
    let missingAtRegistration: Int

    static func key(of piece: RequiredPiece) -> String {
        piece.personIndex.map { "\(piece.code)@\($0)" } ?? piece.code
    }

    static func requiredPiece(_ key: String, of request: HousingRequest, today: CalendarDate) throws -> RequiredPiece? {
        DocumentChecklist(for: try request.form.documentSituation(on: today)).pieces.first { Self.key(of: $0) == key }
    }

    /// « PDF, 120 ko »: enough to tell the files of a piece apart on a phone.
    static func fileDetails(_ document: RequestDocument) -> String {
        let format = UploadedFileKind(rawValue: document.contentType)?.fileExtension.uppercased() ?? "fichier"
        let kilobytes = max(1, (document.size + 512) / 1024)
        let size = kilobytes >= 1024 ? "\(kilobytes / 1024) Mo" : "\(kilobytes) ko"
        return "\(format), \(size)"
    }

    static func build(
        for request: HousingRequest, on db: any Database, today: CalendarDate
    ) async throws
        -> ChecklistView
    {
        let documents = try await RequestDocument.query(on: db).filter(\.$request.$id == (try request.requireID()))
            .all()
        let byPiece = Dictionary(grouping: documents) { $0.pieceFile.piece }.mapValues {
            $0.sorted { $0.pieceFile.part < $1.pieceFile.part }
        }
        let names = request.form.personNames
        let pieces = DocumentChecklist(for: try request.form.documentSituation(on: today)).pieces
        let year = request.declarationYear(today: today)
        let items = pieces.map { piece -> Item in
            let key = Self.key(of: piece)
            let files = byPiece[key] ?? []
            // A verdict is written on every file of the piece (DocumentReview): the files agree, and
            // a refused one, should they not, makes the piece refused.
            let document =
                files.first { $0.status == .refusee } ?? files.first { $0.status == .enAttente } ?? files.first
            return Item(
                code: key, label: piece.piece.label(year: year), level: piece.level.rawValue,
                personIndex: piece.personIndex,
                personLabel: piece.personIndex.flatMap { $0 < names.count ? names[$0] : nil },
                status: document?.status.rawValue ?? "manquante",
                statusLabel: document?.status.label ?? "À fournir", documentId: document?.id,
                refusalReason: document?.refusalReason?.rawValue, refusalLabel: document?.refusalReason?.label,
                comment: document?.comment, canUpload: document?.status != .validee,
                files: files.compactMap { file in
                    let details = fileDetails(file)
                    return file.id.map {
                        File(
                            id: $0, number: file.pieceFile.part, contentType: file.contentType, size: file.size,
                            uploadedAt: file.uploadedAt, label: "Fichier \(file.pieceFile.part) · \(details)",
                            details: details)
                    }
                },
                canAddFile: document?.status != .validee
                    && (document?.status == .refusee || files.count < PieceFileKey.maximumFiles))
        }
        return ChecklistView(
            checklist: items, completeForInstruction: !items.isEmpty && items.allSatisfy { $0.status == "validee" },
            missingAtRegistration: items.filter { $0.level == "registration" && $0.status == "manquante" }.count)
    }
}
