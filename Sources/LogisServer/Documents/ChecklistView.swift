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

    static func build(
        for request: HousingRequest, on db: any Database, today: CalendarDate
    ) async throws
        -> ChecklistView
    {
        let documents = try await RequestDocument.query(on: db).filter(\.$request.$id == (try request.requireID()))
            .all()
        let byPiece = Dictionary(documents.map { ($0.piece, $0) }, uniquingKeysWith: { first, _ in first })
        let names = request.form.personNames
        let pieces = DocumentChecklist(for: try request.form.documentSituation(on: today)).pieces
        let year = request.declarationYear(today: today)
        let items = pieces.map { piece -> Item in
            let key = Self.key(of: piece)
            let document = byPiece[key]
            return Item(
                code: key, label: piece.piece.label(year: year), level: piece.level.rawValue,
                personIndex: piece.personIndex,
                personLabel: piece.personIndex.flatMap { $0 < names.count ? names[$0] : nil },
                status: document?.status.rawValue ?? "manquante",
                statusLabel: document?.status.label ?? "À fournir", documentId: document?.id,
                refusalReason: document?.refusalReason?.rawValue, refusalLabel: document?.refusalReason?.label,
                comment: document?.comment, canUpload: document?.status != .validee)
        }
        return ChecklistView(
            checklist: items, completeForInstruction: !items.isEmpty && items.allSatisfy { $0.status == "validee" },
            missingAtRegistration: items.filter { $0.level == "registration" && $0.status == "manquante" }.count)
    }
}
