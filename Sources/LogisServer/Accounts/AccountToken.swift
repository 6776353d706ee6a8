import Crypto
import Fluent
import Vapor

/// A single-use link sent by e-mail: reset a password, confirm an address (docs/rules/accounts.md).
/// Only a SHA-256 hash of the token is stored: a copy of the database opens no link.
final class AccountToken: Model, @unchecked Sendable {
    static let schema = "account_tokens"

    enum Purpose: String, Codable, Sendable {
        case passwordReset = "password_reset"
        case confirmEmail = "confirm_email"

        /// Issue 12: a reset link lasts 30 minutes. A confirmation link lasts 24 hours: a person
        /// who signs up in the evening may open their mailbox only the next day.
        var lifetime: TimeInterval {
            switch self {
            case .passwordReset: 30 * 60
            case .confirmEmail: 24 * 3600
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: Account
    @Field(key: "purpose") var purpose: Purpose
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// A fresh random token (256 bits, URL-safe) and the hash that is stored for it.
    struct Secret: Sendable {
        let token: String
        let hash: String

        static func generate() -> Secret {
            let token = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncodedString()
            return Secret(token: token, hash: HexDigest.sha256(token))
        }
    }

    /// Stores `secret` for `account` and ends the earlier unused links of the same purpose: only
    /// the latest message works. Runs in the caller's transaction, with the message's enqueue.
    static func issue(
        _ secret: Secret, purpose: Purpose, for accountID: UUID, now: Date, on db: any Database
    ) async throws -> AccountToken {
        try await AccountToken.query(on: db).set(\.$expiresAt, to: now)
            .filter(\.$account.$id == accountID).filter(\.$purpose == purpose)
            .filter(\.$usedAt == nil).filter(\.$expiresAt > now).update()
        let row = AccountToken()
        row.$account.id = accountID
        row.purpose = purpose
        row.tokenHash = secret.hash
        row.expiresAt = now.addingTimeInterval(purpose.lifetime)
        row.createdAt = now
        try await row.create(on: db)
        return row
    }

    /// The link's row if it can still be used; otherwise the refusal to show (unknown, used, expired).
    static func usable(
        _ token: String, purpose: Purpose, now: Date, on db: any Database
    ) async throws
        -> AccountToken
    {
        guard token.count <= 100,
            let row = try await AccountToken.query(on: db).filter(\.$tokenHash == HexDigest.sha256(token))
                .filter(\.$purpose == purpose).first()
        else { throw AccountLinkError.unknown }
        if row.usedAt != nil { throw AccountLinkError.used }
        guard row.expiresAt > now else { throw AccountLinkError.expired }
        return row
    }

    /// Marks the link used if it still is usable, in one conditional UPDATE: of two clicks at
    /// once, one wins and the other is told the link has already served.
    static func consume(_ row: AccountToken, now: Date, on db: any Database) async throws {
        let spent = try await ConditionalWrite.update(
            """
            UPDATE account_tokens SET used_at = \(bind: now) WHERE id = \(bind: try row.requireID()) \
            AND used_at IS NULL AND expires_at > \(bind: now)
            """, on: db)
        guard spent else { throw AccountLinkError.used }
        row.usedAt = now
    }
}

/// Why a link from a message no longer opens anything; each has a stable code and a French page.
enum AccountLinkError {
    static let unknown = LogisError(
        .badRequest, code: .linkUnknown,
        message:
            "Ce lien n’est pas reconnu. Vérifiez que vous avez copié l’adresse en entier, ou demandez-en un nouveau.")
    static let used = LogisError(
        .gone, code: .linkUsed, message: "Ce lien a déjà servi : il ne peut être utilisé qu’une fois.")
    static let expired = LogisError(
        .gone, code: .linkExpired, message: "Ce lien a expiré. Demandez-en un nouveau.")

    static func isLinkError(_ error: LogisError) -> Bool {
        error == unknown || error == used || error == expired
    }
}
