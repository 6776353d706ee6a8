import Crypto
import Fluent
import SQLKit
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

    /// The session of a token and its account. Every request of a signed-in person pays for
    /// this lookup, so it is one SQL join read as a plain row, and the account built from it
    /// (`Account(signedIn:)`), with no Fluent model hydrated.
    static func find(token: String, kind: Kind, on database: any Database, now: Date) async throws -> SignedIn? {
        guard let sql = database as? any SQLDatabase else { return nil }
        let row = try await sql.raw(
            """
            SELECT s.id AS "sessionID", a.id AS "accountID", a.email AS "email", \
            a.password_hash AS "passwordHash", CAST(a.role AS TEXT) AS "role", a.display_name AS "displayName", \
            a.territory_id AS "territoryID", a.guichet_id AS "guichetID", a.organisation_id AS "organisationID", \
            a.email_confirmed_at AS "emailConfirmedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt" \
            FROM auth_sessions s JOIN accounts a ON a.id = s.account_id \
            WHERE s.token_hash = \(bind: hash(token: token)) AND s.kind = \(bind: kind.rawValue) \
            AND s.expires_at > \(bind: now)
            """
        ).first(decoding: SignedInRow.self)
        guard let row, let role = Role(rawValue: row.role) else { return nil }
        return SignedIn(sessionID: row.sessionID, account: Account(signedIn: row, role: role))
    }

    struct SignedIn {
        let sessionID: UUID
        let account: Account
    }
}

/// A session joined to its account, as `AuthSession.find` reads it.
struct SignedInRow: Decodable {
    let sessionID: UUID
    let accountID: UUID
    let email: String
    let passwordHash: String
    let role: String
    let displayName: String
    let territoryID: UUID?
    let guichetID: UUID?
    let organisationID: UUID?
    let emailConfirmedAt: Date?
    let createdAt: Date?
    let updatedAt: Date?
}

extension Account {
    /// The stored account of a session row; it saves as an update, like one Fluent read.
    convenience init(signedIn row: SignedInRow, role: Role) {
        self.init()
        id = row.accountID
        $id.exists = true
        email = row.email
        passwordHash = row.passwordHash
        self.role = role
        displayName = row.displayName
        $territory.id = row.territoryID
        $guichet.id = row.guichetID
        $organisation.id = row.organisationID
        emailConfirmedAt = row.emailConfirmedAt
        createdAt = row.createdAt
        updatedAt = row.updatedAt
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
