import Crypto
import Fluent
import Vapor

/// A failed sign-in, counted per account and per client address. Stored in the database so
/// that all server instances share the count; the keys are hashed (no e-mail or IP in clear).
final class SignInFailure: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(keyHash: String, occurredAt: Date = Date()) {
        self.keyHash = keyHash
        self.occurredAt = occurredAt
    }
}

struct M0004CreateSignInFailure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignInFailure.schema)
            .id()
            .field("key_hash", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        try await database.index(
            on: SignInFailure.schema, named: "sign_in_failures_key", columns: ["key_hash", "occurred_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInFailure.schema).delete()
    }
}

/// Slows down password guessing: 5 failures per account or 20 per address in 15 minutes.
struct SignInThrottle {
    static let window: TimeInterval = 15 * 60
    static let maxPerAccount = 5
    static let maxPerAddress = 20

    let database: any Database
    let accountKey: String
    let addressKey: String

    init(request: Request, email: String) {
        database = request.db
        accountKey = Self.key("account", Account.normalise(email: email))
        addressKey = Self.key("address", Self.clientAddress(of: request))
    }

    /// Behind a reverse proxy every client has the proxy's address: the proxy's
    /// `X-Forwarded-For` is used instead, only when the deployment says it trusts it.
    static func clientAddress(of request: Request) -> String {
        if request.application.logisSettings.trustedProxy,
            let forwarded = request.headers.first(name: "X-Forwarded-For")?.split(separator: ",").first
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return request.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Counts this attempt before the password is checked, so that parallel guesses are counted
    /// too: an attempt over the limit is refused. Returns the rows to clear if it succeeds.
    func admit() async throws -> [SignInFailure] {
        let rows = [SignInFailure(keyHash: accountKey), SignInFailure(keyHash: addressKey)]
        for row in rows { try await row.create(on: database) }
        let since = Date().addingTimeInterval(-Self.window)
        let perAccount = try await SignInFailure.query(on: database)
            .filter(\.$keyHash == accountKey).filter(\.$occurredAt > since).count()
        let perAddress = try await SignInFailure.query(on: database)
            .filter(\.$keyHash == addressKey).filter(\.$occurredAt > since).count()
        if perAccount > Self.maxPerAccount || perAddress > Self.maxPerAddress { throw LogisError.tooManyAttempts }
        return rows
    }

    func isBlocked() async throws -> Bool {
        let since = Date().addingTimeInterval(-Self.window)
        let perAccount = try await SignInFailure.query(on: database)
            .filter(\.$keyHash == accountKey).filter(\.$occurredAt > since).count()
        if perAccount >= Self.maxPerAccount { return true }
        let perAddress = try await SignInFailure.query(on: database)
            .filter(\.$keyHash == addressKey).filter(\.$occurredAt > since).count()
        return perAddress >= Self.maxPerAddress
    }

    func recordFailure() async throws {
        try await SignInFailure(keyHash: accountKey).create(on: database)
        try await SignInFailure(keyHash: addressKey).create(on: database)
    }

    /// A successful sign-in clears the account's failures and does not count against the address.
    func recordSuccess(clearing attempt: [SignInFailure] = []) async throws {
        for row in attempt { try await row.delete(on: database) }
        try await SignInFailure.query(on: database).filter(\.$keyHash == accountKey).delete()
    }

    private static func key(_ kind: String, _ value: String) -> String {
        HexDigest.sha256("\(kind):\(value)")
    }
}
