import Fluent
import LogisCore
import Vapor

/// One household's request for social housing: the Cerfa answers (kept whole as JSON) and the
/// columns the back-office and the ranking search on (status, NUD, seniority, size, income).
final class HousingRequest: Model, @unchecked Sendable {
    static let schema = "housing_requests"

    @ID(key: .id) var id: UUID?
    /// The applicant's account; empty for a paper request registered at a desk.
    @OptionalParent(key: "account_id") var account: Account?
    @OptionalParent(key: "territory_id") var territory: Territory?
    @Field(key: "status") var status: RequestStatus
    @OptionalField(key: "nud") var nud: String?
    /// The Cerfa 14069*05 answers, section by section.
    @Field(key: "form") var form: RequestForm
    /// Seniority runs from the first filing and survives renewals (CCH R441-2-8), `YYYY-MM-DD`.
    @OptionalField(key: "first_filed_on") var firstFiledOn: String?
    @OptionalField(key: "registered_at") var registeredAt: Date?
    @Field(key: "renewals") var renewals: Int
    @OptionalField(key: "desk_code") var deskCode: String?
    @OptionalField(key: "registered_by") var registeredBy: UUID?
    @Field(key: "household_persons") var householdPersons: Int
    @OptionalField(key: "income_rfr") var incomeRFR: Int?
    @OptionalField(key: "radiation_motif") var radiationMotif: String?
    @OptionalField(key: "radiated_at") var radiatedAt: Date?
    /// Cotation total (CCH L441-2-8), recomputed on every change and by the nightly batch.
    @OptionalField(key: "score") var score: Int?
    @OptionalField(key: "grid_version") var gridVersion: Int?
    /// The content fingerprint of that grid version (M0018, `CotationGridFingerprint`).
    @OptionalField(key: "grid_hash") var gridHash: String?
    /// The smallest typology wished: requests are compared with those of the same territory and typology.
    @OptionalField(key: "primary_typology") var primaryTypology: String?
    /// Priority criteria set by a social worker or an agent (comma-separated codes); never by the applicant.
    @OptionalField(key: "priorities") var priorities: String?
    /// Cotation criteria whose evidence an agent validated (comma-separated codes).
    @OptionalField(key: "validated_criteria") var validatedCriteria: String?
    /// When the attestation d'enregistrement was sent (CCH R441-2-4: within a month).
    @OptionalField(key: "attestation_sent_at") var attestationSentAt: Date?
    /// The agent who entered a paper request.
    @OptionalField(key: "created_by") var createdBy: UUID?
    /// An accueil agent finished the entry and handed it to a registering desk.
    @OptionalField(key: "handed_over") var handedOver: Bool?
    /// Normalised « birth name | first name | birth date » of the applicant, for duplicates.
    @OptionalField(key: "identity_key") var identityKey: String?
    @OptionalField(key: "contact_email") var contactEmail: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    /// Restored if an administrator cancels the radiation within 30 days.
    @OptionalField(key: "status_before_radiation") var statusBeforeRadiation: RequestStatus?
    @OptionalField(key: "radiation_comment") var radiationComment: String?
    /// SHA-256 of the one-time code that lets the person attach a paper request to their account.
    @OptionalField(key: "claim_code_hash") var claimCodeHash: String?
    /// `YYYY-MM-DD`: the day a desk received the paper form (M0026); the attestation is due a month later.
    @OptionalField(key: "paper_received_on") var paperReceivedOn: String?
    /// Kept in step with the form and dates by `syncSearchColumns` (M0013): what lists read.
    @OptionalField(key: "search_name") var searchName: String?
    @OptionalField(key: "display_name") var displayName: String?
    @OptionalField(key: "birth_date") var birthDate: String?
    @OptionalField(key: "attestation_due_on") var attestationDueOn: String?
    @OptionalField(key: "anniversary_on") var anniversaryOn: String?
    @OptionalField(key: "strike_off_on") var strikeOffOn: String?
    /// Whole months from the first filing to the satisfaction, for the average wait shown.
    @OptionalField(key: "waited_months") var waitedMonths: Int?
    /// `YYYY-MM-DD` (Paris) of the satisfaction and the days waited since the first filing (M0030).
    @OptionalField(key: "satisfied_on") var satisfiedOn: String?
    @OptionalField(key: "waited_days") var waitedDays: Int?
    /// Set when retention removed the household's identity (docs/rules/retention.md).
    @OptionalField(key: "anonymised_at") var anonymisedAt: Date?
    /// Offers refused or left unanswered (M0017): the cotation grid may count them.
    @OptionalField(key: "offer_refusals") var offerRefusals: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Children(for: \.$request) var wishes: [RequestWish]

    init() {}

    init(accountID: UUID?, form: RequestForm = RequestForm()) {
        self.$account.id = accountID
        self.status = .brouillon
        self.form = form
        self.renewals = 0
        self.householdPersons = form.householdPersons
    }
}

/// A commune the household wishes to live in, in the order given (at least one).
/// Kept as rows, not text, so a vacancy finds its candidates through an index (DOMAIN.md §8).
final class RequestWish: Model, @unchecked Sendable {
    static let schema = "request_wishes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: HousingRequest
    @Parent(key: "commune_id") var commune: Commune
    @Field(key: "rank") var rank: Int

    init() {}

    init(requestID: UUID, communeID: UUID, rank: Int) {
        self.$request.id = requestID
        self.$commune.id = communeID
        self.rank = rank
    }
}
