import Fluent
import Vapor

/// A file an applicant gave for one piece of the checklist. The file itself lives outside the web
/// root under a random name; the row keeps its hash and size, and the agent's verdict.
final class RequestDocument: Model, @unchecked Sendable {
    static let schema = "request_documents"

    enum Status: String, Codable, Sendable {
        case enAttente = "en_attente"
        case validee
        case refusee

        var label: String {
            switch self {
            case .enAttente: "En attente de vérification"
            case .validee: "Validée"
            case .refusee: "Refusée"
            }
        }
    }

    /// Why an agent refused a piece (DOMAIN.md §5).
    enum RefusalReason: String, Codable, CaseIterable, Sendable {
        case inexploitable
        case horsPerimetre = "hors_perimetre"
        case obsolete

        var label: String {
            switch self {
            case .inexploitable: "Inexploitable"
            case .horsPerimetre: "Hors périmètre"
            case .obsolete: "Obsolète"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: HousingRequest
    /// Checklist code, with `@N` for a person's piece: `piece_identite@0`.
    @Field(key: "piece") var piece: String
    @Field(key: "stored_name") var storedName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "status") var status: Status
    @OptionalField(key: "refusal_reason") var refusalReason: RefusalReason?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "reviewed_by") var reviewedBy: UUID?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @Timestamp(key: "uploaded_at", on: .create) var uploadedAt: Date?

    init() {}

    init(requestID: UUID, piece: String, storedName: String, contentType: String, size: Int, sha256: String) {
        self.$request.id = requestID
        self.piece = piece
        self.storedName = storedName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.status = .enAttente
    }
}

struct M0007CreateRequestDocument: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestDocument.schema)
            .id()
            .field("request_id", .uuid, .required, .references(HousingRequest.schema, .id, onDelete: .cascade))
            .field("piece", .string, .required)
            .field("stored_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("status", .string, .required)
            .field("refusal_reason", .string)
            .field("comment", .string)
            .field("reviewed_by", .uuid)
            .field("reviewed_at", .datetime)
            .field("uploaded_at", .datetime)
            .unique(on: "request_id", "piece")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestDocument.schema).delete()
    }
}
