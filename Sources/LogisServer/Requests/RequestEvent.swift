import Fluent
import Vapor

/// One line of a request's timeline, shown to the applicant: what happened, when, by whom.
final class RequestEvent: Model, @unchecked Sendable {
    static let schema = "request_events"

    enum Kind: String, Codable, Sendable {
        case registered
        case activated
        case updated
        case renewed
        case documentUploaded = "document_uploaded"
        case documentValidated = "document_validated"
        case documentRefused = "document_refused"
        case radiated
        case candidate
        case caleolDecision = "caleol_decision"
        case offer
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: HousingRequest
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "kind") var kind: Kind
    /// French sentence for the applicant.
    @Field(key: "label") var label: String
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "actor_account_id") var actorAccountID: UUID?
    @OptionalField(key: "actor_role") var actorRole: String?

    init() {}

    init(requestID: UUID, kind: Kind, label: String, comment: String? = nil, actor: Account?) {
        self.$request.id = requestID
        self.occurredAt = Date()
        self.kind = kind
        self.label = label
        self.comment = comment
        self.actorAccountID = actor?.id
        self.actorRole = actor?.role.rawValue
    }
}
