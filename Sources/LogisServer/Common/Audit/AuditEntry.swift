import Fluent
import Vapor

/// One line of the audit log: who did what to which file, when, and how it ended.
/// It never holds personal data itself: people are referred to by account and file ids.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "actor_account_id") var actorAccountID: UUID?
    @OptionalField(key: "actor_role") var actorRole: String?
    @Field(key: "action") var action: String
    @OptionalField(key: "target_type") var targetType: String?
    @OptionalField(key: "target_id") var targetID: String?
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "request_id") var requestID: String?

    init() {}

    init(
        actor: Account?, action: AuditAction, target: AuditTarget?, outcome: AuditOutcome, reason: AuditReason?,
        requestID: String?
    ) {
        self.occurredAt = Date()
        self.actorAccountID = actor?.id
        self.actorRole = actor?.role.rawValue
        self.action = action.rawValue
        self.targetType = target?.type
        self.targetID = target?.id
        self.outcome = outcome.rawValue
        self.reason = reason?.text
        self.requestID = requestID
    }
}

/// What was done. Stable codes: the log is read by people and programs for years.
enum AuditAction: String, Sendable {
    case signUp = "sign_up"
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    case signInThrottled = "sign_in_throttled"
    case signOut = "sign_out"
    case passwordChanged = "password_changed"
    /// « Mot de passe oublié ? »: a link was asked for; no target when the address has no account.
    case passwordResetRequested = "password_reset_requested"
    /// The password was replaced through a reset link; every session of the account was closed.
    case passwordReset = "password_reset"
    /// The owner opened the confirmation link sent at sign-up.
    case emailConfirmed = "email_confirmed"
    /// A sign-up was tried with an address that has an account: nothing created, the owner told.
    case signUpExistingAddress = "sign_up_existing_address"
    case accessDenied = "access_denied"
    case requestRead = "request_read"
    /// A search over the territory's requests: the kinds of criteria and the number of results.
    case requestSearch = "request_search"
    case requestChanged = "request_changed"
    /// The file appeared in a list shown to an agent (a queue, a search): name and NUD were seen.
    case requestListed = "request_listed"
    /// A desk of another territory found this file as a possible duplicate (it saw a count only).
    case duplicateMatched = "duplicate_matched"
    /// Retention removed the identity of a struck-off request (docs/rules/retention.md).
    case requestAnonymised = "request_anonymised"
    /// A `logis retention` run: how many requests it anonymised and audit lines it deleted.
    case retentionApplied = "retention_applied"
    /// The person downloaded the copy of their data (RGPD article 15), from the page or the API.
    case personalDataExported = "personal_data_exported"
    /// An administrator opened the view of the daily jobs and of the outbox.
    case jobsViewed = "jobs_viewed"
    /// An administrator put a failed message back in the outbox.
    case messageRetried = "message_retried"
    /// A sign-up never confirmed was deleted by the daily purge (its address is free again).
    case accountPurged = "account_purged"
    /// The applicant chose how to be told (e-mail or letter, SMS or not); the reason names the channels.
    case messageChannelsChanged = "message_channels_changed"
    /// A desk agent downloaded pending letters of the print list (names and addresses seen).
    case lettersDownloaded = "letters_downloaded"
    /// A desk agent marked letters of the print list as printed; the reason gives how many.
    case lettersPrinted = "letters_printed"
    /// An EPCI administrator created or changed a draft cotation grid version (target `grid#version`).
    case gridDraftSaved = "grid_draft_saved"
    case gridDraftDeleted = "grid_draft_deleted"
    /// The draft was compared with the version in force over the territory's requests.
    case gridPreviewed = "grid_previewed"
    /// The version was published, from its `effectiveFrom`; it never changes afterwards.
    case gridPublished = "grid_published"
}

enum AuditOutcome: String, Sendable {
    case success
    case denied
    case failure
}

/// What the action was done to.
struct AuditTarget: Sendable {
    let type: String
    let id: String

    static func account(_ id: UUID?) -> AuditTarget { .init(type: "account", id: id?.uuidString ?? "") }
    static func route(_ path: String) -> AuditTarget { .init(type: "route", id: path) }
    static func request(_ id: UUID) -> AuditTarget { .init(type: "request", id: id.uuidString) }
}

extension Request {
    /// The one function every feature calls to write to the audit log.
    func audit(
        _ action: AuditAction, target: AuditTarget? = nil, outcome: AuditOutcome = .success, reason: AuditReason? = nil,
        actor: Account? = nil, in transaction: (any Database)? = nil
    ) async throws {
        let entry = AuditEntry(
            actor: actor ?? auth.get(Account.self), action: action, target: target, outcome: outcome,
            reason: reason, requestID: id)
        try await entry.save(on: transaction ?? db)
    }

    /// One line per file shown in a list, written in one statement: who saw which names, and where.
    func auditListed(_ requests: [UUID], reason: AuditReason) async throws {
        guard !requests.isEmpty else { return }
        let actor = auth.get(Account.self)
        let entries = requests.map {
            AuditEntry(
                actor: actor, action: .requestListed, target: .request($0), outcome: .success, reason: reason,
                requestID: id)
        }
        try await entries.create(on: db)
    }
}
