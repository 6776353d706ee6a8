import Fluent
import Foundation

/// What the desks need: each agent's desk, the attestation's sending, who entered a paper
/// request and whether an accueil agent handed it over, the normalised identity and contacts
/// used to detect duplicates, the status to restore when a radiation is cancelled, and the
/// priority flags set by social workers.
struct M0009AddGuichetWork: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema).field("guichet_id", .uuid, .references(Guichet.schema, .id)).update()
        for (field, type) in [
            ("attestation_sent_at", DatabaseSchema.DataType.datetime), ("created_by", .uuid),
            ("handed_over", .bool), ("identity_key", .string), ("contact_email", .string),
            ("contact_phone", .string), ("status_before_radiation", .string), ("radiation_comment", .string),
        ] {
            try await database.schema(HousingRequest.schema).field(.string(field), type).update()
        }
        try await database.index(
            on: HousingRequest.schema, named: "housing_requests_identity", columns: ["identity_key"])
        try await database.index(on: HousingRequest.schema, named: "housing_requests_email", columns: ["contact_email"])
        try await database.index(on: HousingRequest.schema, named: "housing_requests_phone", columns: ["contact_phone"])
        try await database.schema(PriorityFlag.schema)
            .id()
            .field("request_id", .uuid, .required, .references(HousingRequest.schema, .id, onDelete: .cascade))
            .field("criterion", .string, .required)
            .field("decided_on", .string)
            .field("reference", .string)
            .field("comment", .string)
            .field("evidence_document_id", .uuid)
            .field("set_by", .uuid, .required)
            .field("set_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PriorityFlag.schema).delete()
        for field in [
            "attestation_sent_at", "created_by", "handed_over", "identity_key", "contact_email", "contact_phone",
            "status_before_radiation", "radiation_comment",
        ] {
            try await database.schema(HousingRequest.schema).deleteField(.string(field)).update()
        }
        try await database.schema(Account.schema).deleteField("guichet_id").update()
    }
}

/// A priority status (DOMAIN.md §7) set by a social worker or an agent, with its evidence.
final class PriorityFlag: Model, @unchecked Sendable {
    static let schema = "priority_flags"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: HousingRequest
    /// LogisCore `PriorityCriterion` code: dalo, pdalhpd, handicap, sans_logement…
    @Field(key: "criterion") var criterion: String
    /// Date of the decision (DALO commission, PDALHPD), `YYYY-MM-DD`.
    @OptionalField(key: "decided_on") var decidedOn: String?
    /// Reference of the decision.
    @OptionalField(key: "reference") var reference: String?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "evidence_document_id") var evidenceDocumentID: UUID?
    @Field(key: "set_by") var setBy: UUID
    @Field(key: "set_at") var setAt: Date

    init() {}

    init(requestID: UUID, criterion: String, decidedOn: String?, reference: String?, comment: String?, setBy: UUID) {
        self.$request.id = requestID
        self.criterion = criterion
        self.decidedOn = decidedOn
        self.reference = reference
        self.comment = comment
        self.setBy = setBy
        self.setAt = Date()
    }
}
