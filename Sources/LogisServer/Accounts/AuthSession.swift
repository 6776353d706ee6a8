import Crypto
import Fluent
import Vapor

/// A signed-in session, stored in the database so that every server instance shares it and it
/// survives a restart. Only a hash of the token is kept: a stolen database opens no session.
final class AuthSession: Model, @unchecked Sendable {
    static let schema = "auth_sessions"

    enum Kind: String, Codable, Sendable {
        /// Browser session carried by an HttpOnly cookie.
        case web
        /// API session carried by `Authorization: Bearer`.
        case api
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "account_id") var account: Account
    @Field(key: "kind") var kind: String
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(tokenHash: String, accountID: UUID, kind: Kind, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$account.id = accountID
        self.kind = kind.rawValue
        self.expiresAt = expiresAt
    }

    /// Sessions last a working day; signing in again starts a new one.
    static let lifetime: TimeInterval = 12 * 3600

    static func hash(token: String) -> String {
        HexDigest.sha256(token)
    }

    /// Opens a session and returns the token to hand to the client (shown once, never stored).
    static func open(for account: Account, kind: Kind, on database: any Database, now: Date) async throws -> String {
        let token = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncodedString()
        let session = AuthSession(
            tokenHash: hash(token: token), accountID: try account.requireID(), kind: kind,
            expiresAt: now.addingTimeInterval(lifetime))
        try await session.create(on: database)
        return token
    }

    static func find(token: String, kind: Kind, on database: any Database, now: Date) async throws -> AuthSession? {
        try await AuthSession.query(on: database)
            .filter(\.$tokenHash == hash(token: token))
            .filter(\.$kind == kind.rawValue)
            .filter(\.$expiresAt > now)
            .with(\.$account)
            .first()
    }
}

struct M0003CreateAuthSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuthSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuthSession.schema).delete()
    }
}
