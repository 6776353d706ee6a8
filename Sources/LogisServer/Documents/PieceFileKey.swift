import Fluent
import Foundation

/// Where one file of a piece is kept: a piece may take several files (both sides of an identity
/// card, three payslips), each its own `request_documents` row, so every place a file lives or dies
/// — the two-phase removal, the retention purge, the export, the backup — keeps handling one row
/// per file. The first file is stored under the checklist key itself (`piece_identite@0`), the
/// following ones under `piece_identite@0#2`, `#3`…; the parts are kept 1…n without a gap, so the
/// first file stands for the piece in the lists (docs/rules/documents.md).
struct PieceFileKey: Hashable, Sendable {
    /// The checklist key: `piece_identite@0`, `avis_imposition`.
    let piece: String
    /// 1 for the first file of the piece.
    let part: Int

    /// A piece takes at most this many files: enough for three payslips and a certificate, few
    /// enough that an agent reviews them at a glance.
    static let maximumFiles = 5

    init(piece: String, part: Int) {
        self.piece = piece
        self.part = part
    }

    /// Reads a stored key; a key without `#n` is the first file.
    init(stored: String) {
        guard let hash = stored.lastIndex(of: "#"), let part = Int(stored[stored.index(after: hash)...]), part > 1
        else {
            self.init(piece: stored, part: 1)
            return
        }
        self.init(piece: String(stored[..<hash]), part: part)
    }

    var stored: String { part == 1 ? piece : "\(piece)#\(part)" }

    /// A name for the file in an export or a folder: `piece_identite-0-fichier-2`.
    var fileName: String {
        let base = piece.replacingOccurrences(of: "@", with: "-")
        return part == 1 ? base : "\(base)-fichier-\(part)"
    }
}

extension RequestDocument {
    var pieceFile: PieceFileKey { PieceFileKey(stored: piece) }

    /// The files of one piece of a request, first file first. A request holds a few dozen files:
    /// they are read whole and sorted here rather than matched with LIKE, where `_` is a wildcard.
    static func files(of piece: String, in requestID: UUID, on db: any Database) async throws -> [RequestDocument] {
        try await RequestDocument.query(on: db).filter(\.$request.$id == requestID).all()
            .filter { $0.pieceFile.piece == piece }
            .sorted { $0.pieceFile.part < $1.pieceFile.part }
    }
}
