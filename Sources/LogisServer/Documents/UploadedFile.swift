import Foundation

/// What a file really is, judged by its first bytes (never by its name or declared type).
enum UploadedFileKind: String, Sendable {
    case pdf = "application/pdf"
    case jpeg = "image/jpeg"
    case png = "image/png"

    /// DOMAIN.md §5: one document per piece, at most 5 MB.
    static let maximumSize = 5 * 1024 * 1024

    static func detect(_ bytes: some Collection<UInt8>) -> UploadedFileKind? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    /// The kind a file name claims (`.pdf`, `.jpg`…); nil for a name without a known extension.
    static func claimed(by filename: String) -> UploadedFileKind?? {
        let name = filename.lowercased()
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return .some(nil) }
        switch name[name.index(after: dot)...] {
        case "pdf": return .pdf
        case "jpg", "jpeg": return .jpeg
        case "png": return .png
        default: return nil
        }
    }

    var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        }
    }
}

extension LogisError {
    static let fileTooLarge = LogisError(
        .payloadTooLarge, code: .payloadTooLarge,
        message: "Le fichier dépasse 5 Mo : réduisez-le ou scannez-le en moins haute définition.")
    static let unsupportedFileType = LogisError(
        .unsupportedMediaType, code: .unsupportedFileType,
        message: "Ce fichier n’est ni un PDF, ni une image JPEG ou PNG. Seuls ces formats sont acceptés.")
    static let fileTypeMismatch = LogisError(
        .unsupportedMediaType, code: .fileTypeMismatch,
        message:
            "Le contenu du fichier ne correspond pas à son extension : enregistrez-le dans son vrai format (PDF, JPEG ou PNG) et recommencez."
    )
    static let emptyFile = LogisError(.unprocessableEntity, code: .emptyFile, message: "Le fichier envoyé est vide.")
    static let unknownPiece = LogisError(
        .unprocessableEntity, code: .unknownPiece,
        message: "Cette pièce ne fait pas partie de la liste demandée pour votre dossier.")
    static let documentLocked = LogisError(
        .conflict, code: .documentLocked,
        message: "Cette pièce a été validée : elle ne peut plus être remplacée ni supprimée.")
    static let tooManyFiles = LogisError(
        .conflict, code: .tooManyFiles,
        message:
            "Cette pièce compte déjà \(PieceFileKey.maximumFiles) fichiers : supprimez-en un pour en ajouter un autre.")
}
