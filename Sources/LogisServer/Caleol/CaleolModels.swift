import Fluent
import Vapor

/// The allocation commission of a bailleur for a territory (DOMAIN.md §9), with its members.
final class CaleolCommission: Model, @unchecked Sendable {
    static let schema = "caleol_commissions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "territory_id") var territory: Territory
    @Field(key: "name") var name: String
    /// `CaleolMemberRole` code of the casting vote's holder (CCH L441-2, docs/rules/caleol.md).
    @Field(key: "casting_vote_role") var castingVoteRole: String

    init() {}
}

/// A seat of the commission; a member with a Logis account votes online.
final class CaleolSeat: Model, @unchecked Sendable {
    static let schema = "caleol_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "commission_id") var commission: CaleolCommission
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "name") var name: String
    /// `CaleolMemberRole` code.
    @Field(key: "role") var role: String

    init() {}
}

/// A meeting of the commission, in person or remote, with the vacancies on its agenda.
final class CaleolSession: Model, @unchecked Sendable {
    static let schema = "caleol_sessions"

    enum Mode: String, Codable, Sendable, CaseIterable {
        case inPerson = "presentiel"
        case remote = "distance"

        var label: String { self == .inPerson ? "en présentiel" : "à distance" }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "commission_id") var commission: CaleolCommission
    @Field(key: "held_on") var heldOn: String
    @Field(key: "mode") var mode: Mode
    /// Seats absent from the session (all others are present); `CaleolAttendance` codes by seat id.
    @Field(key: "attendance") var attendance: [String: String]
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One member's vote on one candidate of one dwelling.
final class CaleolBallotRecord: Model, @unchecked Sendable {
    static let schema = "caleol_ballots"

    @ID(key: .id) var id: UUID?
    @Parent(key: "session_id") var session: CaleolSession
    @Field(key: "vacancy_id") var vacancyID: UUID
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "member_id") var memberID: UUID
    /// A `CaleolDecisionKind` code, or `abstention`.
    @Field(key: "choice") var choice: String
    @OptionalField(key: "rank") var rank: Int?
    @OptionalField(key: "motif") var motif: String?
    @OptionalField(key: "missing_piece") var missingPiece: String?
    @OptionalField(key: "deadline") var deadline: String?
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// The commission's decision on one candidate, as adopted by the vote.
final class CaleolDecisionRecord: Model, @unchecked Sendable {
    static let schema = "caleol_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "session_id") var session: CaleolSession
    @Field(key: "vacancy_id") var vacancyID: UUID
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "nud") var nud: String
    @Field(key: "code") var code: String
    @OptionalField(key: "rank") var rank: Int?
    @OptionalField(key: "motif") var motif: String?
    @OptionalField(key: "missing_piece") var missingPiece: String?
    @OptionalField(key: "deadline") var deadline: String?
    @Field(key: "votes") var votes: String
    @Field(key: "by_casting_vote") var byCastingVote: Bool
    @Field(key: "decided_at") var decidedAt: Date

    init() {}
}

/// A housing offer to an attributed candidate (DOMAIN.md §10), answered within the deadline.
final class OfferRecord: Model, @unchecked Sendable {
    static let schema = "offers"

    @ID(key: .id) var id: UUID?
    @Field(key: "vacancy_id") var vacancyID: UUID
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "nud") var nud: String
    @Field(key: "rank") var rank: Int
    @Field(key: "sent_on") var sentOn: String
    @Field(key: "deadline") var deadline: String
    /// `OfferState` code.
    @Field(key: "state") var state: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "accepted_on") var acceptedOn: String?
    @OptionalField(key: "refusal_code") var refusalCode: String?
    @OptionalField(key: "refusal_details") var refusalDetails: String?
    @OptionalField(key: "lease_signed_on") var leaseSignedOn: String?
    @Field(key: "visit_contact") var visitContact: String

    init() {}
}
