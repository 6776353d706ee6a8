import Fluent
import Vapor

/// « Courriers à imprimer » (`/guichet/courriers`): the letters of the desk's territory waiting to
/// be posted, each as a PDF, « Tout imprimer » as one PDF of the page, and « Marquer comme
/// imprimés » for the letters of that page. Every view, download and mark is audited per file.
struct LetterPrintController: RouteCollection {
    /// The desks that receive the public and post its mail; not the social workers, who follow
    /// households rather than a territory's mail.
    static let desks = AccessPolicy.only(.accueil, .enregistreur, .admin)
    static let pageSize = 50
    static let path = "/guichet/courriers"

    func boot(routes: any RoutesBuilder) throws {
        let letters = routes.grouped("guichet", "courriers")
        letters.get(use: list).access(Self.desks)
        letters.get("tout.pdf", use: printAll).access(Self.desks)
        letters.get(":letter", "pdf", use: printOne).access(Self.desks)
        letters.post("imprimes", use: markPrinted).access(Self.desks)
    }

    struct Row: Encodable {
        let id: UUID
        let created: String
        let recipient: String
        let subject: String
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let letters: [Row]
        /// The ids of the page's letters, posted back by « Marquer comme imprimés ».
        let ids: String
        let total: Int
        let page: Int
        let pages: Int
        let previousPage: Int?
        let nextPage: Int?
    }

    static let notSelected = LogisError.validation(
        "Aucun de ces courriers n’attend plus d’être imprimé : la liste a peut-être été traitée entre-temps.",
        code: .lettersNotSelected)

    func list(req: Request) async throws -> View {
        let notice = req.query[String.self, at: "message"] == "imprimes" ? "Les courriers sont marqués imprimés." : nil
        return try await render(req, feedback: notice.map(FormFeedback.notice) ?? .none)
    }

    private func render(_ req: Request, feedback: FormFeedback, status: HTTPStatus = .ok) async throws -> View {
        let agent = try req.requireAccount()
        let total = try await LetterPrintList.count(for: agent, on: req.db)
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(1, req.query[Int.self, at: "page"] ?? 1), pages)
        let letters = try await LetterPrintList.page(page, size: Self.pageSize, for: agent, on: req.db)
        // One line per file shown, however many of its letters wait.
        try await req.auditListed(Array(Set(letters.map(\.requestID))), reason: .printList)
        let rows = letters.map {
            Row(
                id: $0.id, created: PersonalSpaceController.french($0.createdAt),
                recipient: $0.recipient.replacingOccurrences(of: "\n", with: ", "), subject: $0.subject)
        }
        return try await req.view.render(
            "guichet/letters",
            Page(
                layout: req.layoutContext(title: "Courriers à imprimer"), feedback: feedback, letters: rows,
                ids: letters.map { $0.id.uuidString }.joined(separator: ","), total: total, page: page,
                pages: pages, previousPage: page > 1 ? page - 1 : nil, nextPage: page < pages ? page + 1 : nil))
    }

    func printOne(req: Request) async throws -> Response {
        guard let id = req.parameters.get("letter", as: UUID.self) else { throw LogisError.notFound }
        let agent = try req.requireAccount()
        // Another territory's letter answers as if it did not exist.
        let letters = try await LetterPrintList.letters([id], for: agent, on: req.db)
        guard !letters.isEmpty else { throw LogisError.notFound }
        return try await pdfResponse(letters, name: "courrier-\(id.uuidString.lowercased().prefix(8))", on: req)
    }

    func printAll(req: Request) async throws -> Response {
        let agent = try req.requireAccount()
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let letters = try await LetterPrintList.page(page, size: Self.pageSize, for: agent, on: req.db)
        guard !letters.isEmpty else { throw LogisError.notFound }
        return try await pdfResponse(letters, name: "courriers-page-\(page)", on: req)
    }

    private func pdfResponse(
        _ letters: [LetterPrintList.Letter], name: String, on req: Request
    ) async throws
        -> Response
    {
        let senders = try await LetterPDF.senders(for: letters, agent: try req.requireAccount(), on: req.db)
        let data = LetterPDF.document(letters, senders: senders)
        try await Self.audit(.lettersDownloaded, Array(Set(letters.map(\.requestID))), reason: .printList, on: req)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).pdf\"")
        return response
    }

    struct MarkForm: Content {
        let lettres: String?
        let confirm: String?
    }

    func markPrinted(req: Request) async throws -> Response {
        let agent = try req.requireAccount()
        let form = try req.content.decode(MarkForm.self)
        let ids = (form.lettres ?? "").split(separator: ",").prefix(Self.pageSize).compactMap {
            UUID(uuidString: String($0))
        }
        do {
            try Confirmation.require(
                form.confirm, "Cochez la case « J’ai imprimé ces courriers » pour les retirer de la liste.")
            try await req.db.transaction { db in
                let requests = try await LetterPrintList.markPrinted(ids, by: agent, now: req.now, on: db)
                guard !requests.isEmpty else { throw Self.notSelected }
                try await Self.audit(
                    .lettersPrinted, Array(Set(requests)), reason: .lettersPrinted(requests.count), on: req, in: db)
            }
        } catch let failure as LogisError where failure.isRefusal {
            return try await render(req, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return req.redirect(to: "\(Self.path)?message=imprimes")
    }

    /// One line per file, in one statement, like the lists' `auditListed`.
    private static func audit(
        _ action: AuditAction, _ requests: [UUID], reason: AuditReason, on req: Request, in db: (any Database)? = nil
    ) async throws {
        let actor = try req.requireAccount()
        let entries = requests.map {
            AuditEntry(
                actor: actor, action: action, target: .request($0), outcome: .success, reason: reason,
                requestID: req.id)
        }
        try await entries.create(on: db ?? req.db)
    }
}
