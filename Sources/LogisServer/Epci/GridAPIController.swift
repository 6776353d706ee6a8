import Foundation
import LogisCore
import Vapor

/// `/api/v1/territories/{slug}/grids`: the EPCI administrator's cotation grid versions as JSON,
/// the same actions as the pages of `/epci/grille` (`GridAdministration`).
struct GridAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let grids = routes.grouped("api", "v1", "territories", ":slug", "grids")
        let policy = GridAdministration.administrators
        grids.get(use: list).access(policy)
        grids.post(use: create).access(policy)
        grids.get(":version", use: show).access(policy)
        grids.put(":version", use: update).access(policy)
        grids.delete(":version", use: delete).access(policy)
        grids.post(":version", "preview", use: preview).access(policy)
        grids.post(":version", "publish", use: publish).access(policy)
    }

    struct VersionList: Content {
        let territory: String
        let gridId: String
        let inForce: Int?
        let versions: [GridVersionSummary]
    }

    struct VersionDetail: Content {
        let status: String
        let grid: CotationGrid
    }

    struct PublishBody: Content {
        let effectiveFrom: String
    }

    private func administration(_ req: Request) async throws -> GridAdministration {
        try await GridAdministration.of(req, slug: req.parameters.get("slug") ?? "")
    }

    func list(req: Request) async throws -> VersionList {
        let admin = try await administration(req)
        return VersionList(
            territory: admin.territory.slug, gridId: admin.gridID,
            inForce: admin.inForce(on: req.today, req.application)?.version,
            versions: try await admin.versions(on: req.today, req: req))
    }

    func show(req: Request) async throws -> VersionDetail {
        let admin = try await administration(req)
        let version = req.parameters.get("version", as: Int.self)
        if let record = try? await admin.record(version, on: req.db) {
            return VersionDetail(status: record.status.rawValue, grid: try record.grid())
        }
        guard let version,
            let grid = try? req.application.cotationGridVersions.catalog.grid(id: admin.gridID, version: version)
        else { throw GridAdministration.versionNotFound }
        return VersionDetail(status: "published", grid: grid)
    }

    /// A draft from the body's grid, or from the version in force when the body is empty.
    func create(req: Request) async throws -> Response {
        let admin = try await administration(req)
        let content = try Self.grid(in: req, id: admin.gridID)
        let record = try await admin.createDraft(from: content, author: try req.requireAccount(), req: req)
        return try await VersionDetail(status: record.status.rawValue, grid: try record.grid())
            .encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> VersionDetail {
        let admin = try await administration(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        guard record.status == .draft else { throw GridAdministration.published }
        guard let grid = try Self.grid(in: req, id: admin.gridID) else { throw LogisError.invalidBody }
        try await admin.updateDraft(record, with: grid, req: req)
        return VersionDetail(status: record.status.rawValue, grid: try record.grid())
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let admin = try await administration(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        try await admin.deleteDraft(record, req: req)
        return .noContent
    }

    func preview(req: Request) async throws -> GridPreviewView {
        let admin = try await administration(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        return try await GridPagesController.preview(record, admin: admin, req: req)
    }

    func publish(req: Request) async throws -> GridVersionSummary {
        let admin = try await administration(req)
        let record = try await admin.record(req.parameters.get("version", as: Int.self), on: req.db)
        guard record.status == .draft else { throw GridAdministration.published }
        let body = try req.content.decode(PublishBody.self)
        guard let day = try? CalendarDate(iso: body.effectiveFrom) else {
            throw LogisError(
                .unprocessableEntity, code: .invalidDate, message: "Date d’entrée en vigueur illisible (AAAA-MM-JJ).",
                fields: ["effectiveFrom": "Format attendu : AAAA-MM-JJ."])
        }
        try await admin.publish(record, from: day, req: req)
        let state = GridAdministration.state(
            of: try record.grid(), inForce: admin.inForce(on: req.today, req.application)?.version, on: req.today)
        return GridVersionSummary(try record.grid(), state: state, record: record)
    }

    /// The body's grid in the format of the bundled files; `id` and `version` are Logis's, so
    /// they may be left out (any value sent is replaced). Nil for an empty body.
    static func grid(in req: Request, id: String) throws -> CotationGrid? {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { return nil }
        return try parse(Data(buffer.readableBytesView), id: id)
    }

    static func parse(_ data: Data, id: String) throws -> CotationGrid {
        guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw LogisError(
                .unprocessableEntity, coreCode: "invalid_grid", message: "Grille de cotation invalide : JSON illisible."
            )
        }
        object["id"] = id
        object["version"] = 1
        object["effectiveFrom"] = nil
        do {
            return try CotationGrid.validated(from: try JSONSerialization.data(withJSONObject: object))
        } catch let error as RuleError {
            throw LogisError(.unprocessableEntity, coreCode: error.code, message: error.message)
        }
    }
}
