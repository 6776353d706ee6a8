import Fluent
import Vapor

/// The applicant's pieces: the checklist with the state of each piece, upload, replace, delete;
/// as pages in the espace personnel and on the API.
struct DocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("mon-espace", "pieces")
        pages.get(use: page).access(.only(.demandeur))
        pages.on(.POST, body: .stream, use: uploadFromPage).receivesUpload().access(.only(.demandeur))
        pages.post(":document", "supprimer", use: deleteFromPage).access(.only(.demandeur))
        let api = routes.grouped("api", "v1", "requests", ":reference", "documents")
        api.get(use: list).access(.only(.demandeur))
        api.on(.POST, body: .stream, use: uploadFromAPI).receivesUpload().access(.only(.demandeur))
        api.delete(":document", use: deleteFromAPI).access(.only(.demandeur))
    }

    /// A piece and its file (`RequestBodyGate` received the body to disk).
    struct UploadForm {
        let piece: String
        let file: ReceivedFile

        static func read(_ req: Request) async throws -> UploadForm {
            let form = try await ReceivedForm.read(req, fileFields: ["file"])
            return UploadForm(piece: try form.field("piece"), file: try form.file("file"))
        }
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let checklist: ChecklistView
        let registration: [ChecklistView.Item]
        let instruction: [ChecklistView.Item]
        /// Not yet submitted: the identity pieces come before the NUD, and the page leads back to it.
        let draft: Bool
        /// The piece just sent: its row says so, and the page opens on it (`#piece-<code>`).
        let uploaded: String?
    }

    /// A checklist key (`piece_identite@0`) as it is, anything else escaped.
    static let pieceKeyCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789_@")

    static let messages = [
        "deposee": "Votre pièce a bien été déposée. Elle sera vérifiée par un agent.",
        "supprimee": "La pièce a été supprimée.",
    ]

    func page(req: Request) async throws -> View {
        let request = try await liveRequest(req)
        let notice = req.query[String.self, at: "message"].flatMap { Self.messages[$0] }
        let uploaded = notice == nil ? nil : req.query[String.self, at: "piece"]
        return try await render(req, request: request, feedback: .init(error: nil, notice: notice), uploaded: uploaded)
    }

    func uploadFromPage(req: Request) async throws -> Response {
        let request = try await liveRequest(req)
        do {
            let form = try await UploadForm.read(req)
            _ = try await DocumentStore.upload(
                form.file, piece: form.piece, to: request, by: try req.requireAccount(), on: req)
            // Back to the row of the piece on a phone, not to the top of a long list.
            let piece = form.piece.addingPercentEncoding(withAllowedCharacters: Self.pieceKeyCharacters) ?? ""
            return req.redirect(to: "/mon-espace/pieces?message=deposee&piece=\(piece)#piece-\(piece)")
        } catch let failure as LogisError where failure.status != .internalServerError {
            return try await render(req, request: request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        } catch is DecodingError {
            return try await render(req, request: request, feedback: .error("Choisissez un fichier à envoyer."))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func deleteFromPage(req: Request) async throws -> Response {
        let request = try await liveRequest(req)
        try await DocumentStore.delete(try await document(req, of: request), on: req)
        return req.redirect(to: "/mon-espace/pieces?message=supprimee")
    }

    func list(req: Request) async throws -> ChecklistView {
        try await ChecklistView.build(for: try await apiRequest(req), on: req.db, today: req.today)
    }

    func uploadFromAPI(req: Request) async throws -> Response {
        let request = try await apiRequest(req)
        let form = try await UploadForm.read(req)
        let document = try await DocumentStore.upload(
            form.file, piece: form.piece, to: request, by: try req.requireAccount(), on: req)
        return try await DocumentDTO(document).encodeResponse(status: .created, for: req)
    }

    func deleteFromAPI(req: Request) async throws -> HTTPStatus {
        let request = try await apiRequest(req)
        try await DocumentStore.delete(try await document(req, of: request), on: req)
        return .noContent
    }

    func render(
        _ req: Request, request: HousingRequest, feedback: FormFeedback, uploaded: String? = nil
    ) async throws -> View {
        let checklist = try await ChecklistView.build(for: request, on: req.db, today: req.today)
        let page = Page(
            layout: req.layoutContext(title: "Mes pièces justificatives"), feedback: feedback, checklist: checklist,
            registration: checklist.checklist.filter { $0.level == "registration" },
            instruction: checklist.checklist.filter { $0.level == "instruction" }, draft: request.status == .brouillon,
            uploaded: checklist.checklist.first { $0.code == uploaded }?.code)
        return try await req.view.render("documents/pieces", page)
    }

    /// A draft takes pieces too: its adults' identity pieces are needed to submit it (DOMAIN.md §5).
    private func liveRequest(_ req: Request) async throws -> HousingRequest {
        guard let request = try await RequestLookup.live(of: try req.requireAccount(), on: req.db) else {
            throw RequestLookup.notFound
        }
        return request
    }

    /// Pieces belong to a live request, draft or registered, on the API as on the pages
    /// (`DocumentStore` refuses a closed one).
    private func apiRequest(_ req: Request) async throws -> HousingRequest {
        try await RequestLookup.owned(req.parameters.get("reference") ?? "", by: try req.requireAccount(), on: req.db)
    }

    private func document(_ req: Request, of request: HousingRequest) async throws -> RequestDocument {
        guard let id = req.parameters.get("document", as: UUID.self),
            let document = try await RequestDocument.query(on: req.db).filter(\.$id == id)
                .filter(\.$request.$id == (try request.requireID())).first()
        else { throw LogisError(.notFound, code: .documentNotFound, message: "Cette pièce n’existe pas.") }
        return document
    }
}

struct DocumentDTO: Content {
    let id: UUID?
    /// The checklist key (`piece_identite@0`), the same for each file of the piece.
    let piece: String
    /// Which file of the piece: 1 for the first.
    let part: Int
    let status: String
    let contentType: String
    let size: Int
    let sha256: String
    let uploadedAt: Date?

    init(_ document: RequestDocument) {
        id = document.id
        piece = document.pieceFile.piece
        part = document.pieceFile.part
        status = document.status.rawValue
        contentType = document.contentType
        size = document.size
        sha256 = document.sha256
        uploadedAt = document.uploadedAt
    }
}
