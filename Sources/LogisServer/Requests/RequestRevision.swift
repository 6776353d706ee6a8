import Fluent
import Foundation

/// The answers as they were before a change of a registered request: every update is kept
/// (DOMAIN.md §3, "any update … is history-tracked"), with who made it and which sections changed.
final class RequestRevision: Model, @unchecked Sendable {
    static let schema = "request_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: HousingRequest
    /// The form before the change.
    @Field(key: "previous_form") var previousForm: RequestForm
    /// Wizard section slugs that changed, comma-separated.
    @Field(key: "sections") var sections: String
    @OptionalField(key: "changed_by") var changedBy: UUID?
    @Field(key: "changed_at") var changedAt: Date

    init() {}

    init(requestID: UUID, previousForm: RequestForm, sections: [WizardStep], changedBy: UUID?) {
        self.$request.id = requestID
        self.previousForm = previousForm
        self.sections = sections.map(\.rawValue).joined(separator: ",")
        self.changedBy = changedBy
        self.changedAt = Date()
    }
}

struct M0010CreateRequestRevision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestRevision.schema)
            .id()
            .field("request_id", .uuid, .required, .references(HousingRequest.schema, .id, onDelete: .cascade))
            .field("previous_form", .json, .required)
            .field("sections", .string, .required)
            .field("changed_by", .uuid)
            .field("changed_at", .datetime, .required)
            .create()
        try await database.index(
            on: RequestRevision.schema, named: "request_revisions_request", columns: ["request_id", "changed_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestRevision.schema).delete()
    }
}
