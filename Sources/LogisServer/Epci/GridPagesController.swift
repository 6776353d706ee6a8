import Foundation
import LogisCore
import Vapor

/// `/epci/grille`: the EPCI administrator's pages for its territory's cotation grid — the
/// versions (in force, planned, drafts), a new version started from the one in force, its
/// criteria form (or its JSON, for experts), the preview of its effects, and its publication.
struct GridPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("epci", "grille")
        let policy = GridAdministration.administrators
        pages.get(use: list).access(policy)
        pages.post("nouvelle", use: create).access(policy)
        pages.get("versions", ":version", use: edit).access(policy)
        pages.post("versions", ":version", use: save).access(policy)
        pages.post("versions", ":version", "json", use: saveJSON).access(policy)
        pages.post("versions", ":version", "supprimer", use: delete).access(policy)
        pages.get("versions", ":version", "apercu", use: showPreview).access(policy)
        pages.post("versions", ":version", "publier", use: publish).access(policy)
    }

    struct ListPage: Encodable {
        let layout: LayoutContext
        let territory: String
        let notice: String?
        let inForce: GridVersionSummary?
        let versions: [GridVersionSummary]
    }

    func list(req: Request) async throws -> View {
        let admin = try await GridAdministration.of(req)
        let versions = try await admin.versions(on: req.today, req: req)
        let notices = [
            "publiee": "La version est publiée. Elle s’applique à partir de sa date d’entrée en vigueur.",
            "supprimee": "Le brouillon est supprimé.",
        ]
        return try await req.view.render(
            "epci/grids",
            ListPage(
                layout: req.layoutContext(title: "Grille de cotation"), territory: admin.territory.name,
                notice: req.query[String.self, at: "message"].flatMap { notices[$0] },
                inForce: versions.first { $0.state == .inForce }, versions: versions))
    }

    func create(req: Request) async throws -> Response {
        let admin = try await GridAdministration.of(req)
        let record = try await admin.createDraft(from: nil, author: try req.requireAccount(), req: req)
        return req.redirect(to: "/epci/grille/versions/\(record.version)")
    }

    struct EditPage: Encodable {
        let layout: LayoutContext
        let version: Int
        let label: String
        let draft: Bool
        let notice: String?
        let effectiveFrom: String?
        let form: GridForm
        let json: String
        let jsonError: String?
        let criteria: [ReadOnlyCriterion]
    }

    struct ReadOnlyCriterion: Encodable {
        let label: String
        let points: String
        let validation: Bool
    }

    func edit(req: Request) async throws -> View {
        let admin = try await GridAdministration.of(req)
        let version = req.parameters.get("version", as: Int.self)
        if let record = try? await admin.record(version, on: req.db), record.status == .draft {
            let grid = try record.grid()
            let notice = req.query[String.self, at: "message"] == "enregistre" ? "Le brouillon est enregistré." : nil
            return try await render(grid, draft: true, form: GridForm(grid), notice: notice, req: req)
        }
        guard let version,
            let grid = try? req.application.cotationGridVersions.catalog.grid(id: admin.gridID, version: version)
        else { throw GridAdministration.versionNotFound }
        return try await render(grid, draft: false, form: GridForm(grid), req: req)
    }

    private func render(
        _ grid: CotationGrid, draft: Bool, form: GridForm, notice: String? = nil, json: String? = nil,
        jsonError: String? = nil, req: Request
    ) async throws -> View {
        let title = draft ? "Brouillon de la version \(grid.version)" : "Version \(grid.version) de la grille"
        return try await req.view.render(
            "epci/grid-edit",
            EditPage(
                layout: req.layoutContext(title: title), version: grid.version, label: grid.label, draft: draft,
                notice: notice, effectiveFrom: grid.effectiveFrom?.french, form: form,
                json: json ?? (try CotationGridRecord.encode(grid)), jsonError: jsonError,
                criteria: TerritoryGridView(grid).criteria.map {
                    ReadOnlyCriterion(label: $0.label, points: $0.points, validation: $0.needsValidation)
                }))
    }

    func save(req: Request) async throws -> Response {
        let admin = try await GridAdministration.of(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        guard record.status == .draft else { throw GridAdministration.published }
        let base = try record.grid()
        switch GridForm.read(try req.content.decode([String: String].self), over: base) {
        case .failure(let errors):
            return try await render(base, draft: true, form: errors.form, req: req)
                .encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let grid):
            try await admin.updateDraft(record, with: grid, req: req)
            return req.redirect(to: "/epci/grille/versions/\(record.version)?message=enregistre")
        }
    }

    struct JSONForm: Content {
        let content: String
    }

    func saveJSON(req: Request) async throws -> Response {
        let admin = try await GridAdministration.of(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        guard record.status == .draft else { throw GridAdministration.published }
        let text = (try? req.content.decode(JSONForm.self).content) ?? ""
        do {
            let grid = try GridAPIController.parse(Data(text.utf8), id: admin.gridID)
            try await admin.updateDraft(record, with: grid, req: req)
        } catch let failure as LogisError where failure.isRefusal {
            let base = try record.grid()
            return try await render(
                base, draft: true, form: GridForm(base), json: text, jsonError: failure.message, req: req
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/epci/grille/versions/\(record.version)?message=enregistre")
    }

    func delete(req: Request) async throws -> Response {
        let admin = try await GridAdministration.of(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        try await admin.deleteDraft(record, req: req)
        return req.redirect(to: "/epci/grille?message=supprimee")
    }

    struct PreviewPage: Encodable {
        let layout: LayoutContext
        let preview: GridPreviewView
        let today: String
        let effectiveFrom: String
        let dateError: String?
    }

    func showPreview(req: Request) async throws -> View {
        try await renderPreview(req: req, effectiveFrom: req.today.iso, dateError: nil)
    }

    private func renderPreview(req: Request, effectiveFrom: String, dateError: String?) async throws -> View {
        let admin = try await GridAdministration.of(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        guard record.status == .draft else { throw GridAdministration.published }
        let preview = try await Self.preview(record, admin: admin, req: req)
        return try await req.view.render(
            "epci/grid-preview",
            PreviewPage(
                layout: req.layoutContext(title: "Aperçu de la version \(record.version)"), preview: preview,
                today: req.today.iso, effectiveFrom: effectiveFrom, dateError: dateError))
    }

    /// The comparison, audited: the grid previewed, and every request whose NUD is shown.
    static func preview(
        _ record: CotationGridRecord, admin: GridAdministration, req: Request
    ) async throws -> GridPreviewView {
        let draft = try record.grid()
        let current = admin.inForce(on: req.today, req.application)
        let result = try await GridPreview.compare(
            territory: try admin.territory.requireID(), current: current, draft: draft, today: req.today, db: req.db)
        try await req.audit(.gridPreviewed, target: GridAdministration.target(record))
        try await req.auditListed(result.shownRequests, reason: .gridPreview)
        return GridPreviewView(result.comparison, draft: draft, current: current, today: req.today)
    }

    struct PublishForm: Content {
        let effectiveFrom: String?
    }

    func publish(req: Request) async throws -> Response {
        let admin = try await GridAdministration.of(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        let text = (try? req.content.decode(PublishForm.self).effectiveFrom) ?? ""
        do {
            guard let day = try? CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
                throw LogisError(
                    .unprocessableEntity, code: .invalidDate, message: "Date d’entrée en vigueur illisible.",
                    fields: ["effectiveFrom": "Choisissez une date (aujourd’hui ou plus tard)."])
            }
            try await admin.publish(record, from: day, req: req)
        } catch let failure as LogisError where failure.fields?["effectiveFrom"] != nil {
            return try await renderPreview(req: req, effectiveFrom: text, dateError: failure.message)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/epci/grille?message=publiee")
    }
}
