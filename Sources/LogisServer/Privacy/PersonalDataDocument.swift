import Foundation

/// `mes-donnees.json` in the export (RGPD articles 15 and 20): everything Logis holds about one
/// account, with the keys of the API and a French label beside each code. Secrets (password hash,
/// session tokens' hashes, claim-code hash) are not personal data to hand back and stay out.
struct PersonalDataDocument: Encodable {
    static let format = "logis-donnees-personnelles/1"

    struct AccountPart: Encodable {
        let id: UUID?
        let email: String
        let displayName: String
        let role: String
        let roleLabel: String
        let createdAt: Date?
        let updatedAt: Date?
    }

    struct SessionPart: Encodable {
        let kind: String
        let createdAt: Date?
        let expiresAt: Date
    }

    struct WishPart: Encodable {
        let rank: Int
        let commune: String
    }

    struct EventPart: Encodable {
        let occurredAt: Date
        let kind: String
        let label: String
        let comment: String?
        let byYou: Bool
        let actorRole: String?
    }

    struct RevisionPart: Encodable {
        let changedAt: Date
        let sections: [String]
        let byYou: Bool
        /// The answers as they were before this change.
        let previousForm: RequestForm
    }

    struct DocumentPart: Encodable {
        let piece: String
        /// Which file of the piece (1 for the first): a piece may have several.
        let part: Int
        let status: String
        let statusLabel: String
        let refusalReason: String?
        let comment: String?
        let contentType: String
        let size: Int
        let sha256: String
        let uploadedAt: Date?
        let reviewedAt: Date?
        /// Where the file is in the zip; nil when it could not be read.
        let file: String?
    }

    struct PriorityPart: Encodable {
        let criterion: String
        let decidedOn: String?
        let reference: String?
        let comment: String?
        let setAt: Date
    }

    struct RequestPart: Encodable {
        let id: UUID?
        let nud: String?
        let status: String
        let statusLabel: String
        let territory: String?
        let firstFiledOn: String?
        let registeredAt: Date?
        let renewals: Int
        let deskCode: String?
        let attestationSentAt: Date?
        let radiationMotif: String?
        let radiatedAt: Date?
        let radiationComment: String?
        let score: Int?
        let gridVersion: Int?
        let priorities: String?
        let validatedCriteria: String?
        /// Normalised « birth name | first name | birth date », used to detect duplicate requests.
        let duplicateKey: String?
        let contactEmail: String?
        let contactPhone: String?
        let createdAt: Date?
        let updatedAt: Date?
        let form: RequestForm
        let wishes: [WishPart]
        let timeline: [EventPart]
        let revisions: [RevisionPart]
        let documents: [DocumentPart]
        let priorityFlags: [PriorityPart]
    }

    /// One line of the audit log about this account or its requests: who (by role and desk, not
    /// by name: CJEU C-579/21 gives the person the dates and purposes of consultations, not the
    /// identity of each employee), when, what and why.
    struct AuditPart: Encodable {
        let occurredAt: Date
        let action: String
        let actionLabel: String
        let outcome: String
        let reason: String?
        let byYou: Bool
        let actorRole: String?
        let actorRoleLabel: String?
        let actorDesk: String?
        let targetType: String?
        let targetID: String?
    }

    let format = Self.format
    let generatedAt: Date
    let account: AccountPart
    let sessions: [SessionPart]
    let requests: [RequestPart]
    let auditEntries: [AuditPart]
    /// How the person chose to be told (channels and mobile number), when they chose.
    var messageChannels: ChannelChoice? = nil

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
