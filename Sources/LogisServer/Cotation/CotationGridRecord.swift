import Fluent
import Foundation
import LogisCore
import Vapor

/// A grid version written by an EPCI administrator (M0033): its JSON content as the bundled files
/// have it, a draft until it is published, then never changed.
final class CotationGridRecord: Model, @unchecked Sendable {
    static let schema = "cotation_grid_versions"

    enum Status: String, Codable, Sendable {
        case draft
        case published
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "territory_id") var territoryID: UUID
    @Field(key: "grid_id") var gridID: String
    @Field(key: "version") var version: Int
    @Field(key: "content") var content: String
    @Field(key: "status") var status: Status
    /// `AAAA-MM-JJ`, set on publication (the grid's own `effectiveFrom`).
    @OptionalField(key: "effective_from") var effectiveFrom: String?
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "created_at") var createdAt: String
    @Field(key: "updated_at") var updatedAt: String
    @OptionalField(key: "published_at") var publishedAt: String?

    init() {}

    init(territoryID: UUID, grid: CotationGrid, authorID: UUID?, at now: Date) throws {
        self.territoryID = territoryID
        self.gridID = grid.id
        self.version = grid.version
        self.content = try Self.encode(grid)
        self.status = .draft
        self.authorID = authorID
        self.createdAt = Self.timestamp(now)
        self.updatedAt = Self.timestamp(now)
    }

    /// The stored content; a row that no longer decodes is refused as the bundled files are.
    func grid() throws -> CotationGrid {
        do {
            return try CotationGrid.validated(from: Data(content.utf8))
        } catch {
            throw LogisError(.internalServerError, coreCode: error.code, message: error.message)
        }
    }

    static func encode(_ grid: CotationGrid) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(grid), as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
