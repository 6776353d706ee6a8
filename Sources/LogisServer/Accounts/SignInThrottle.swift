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
        let address = request.remoteAddress?.ipAddress ?? "unknown"
        addressKey = Self.key("address", address)
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

    func recordSuccess() async throws {
        try await SignInFailure.query(on: database).filter(\.$keyHash == accountKey).delete()
    }

    private static func key(_ kind: String, _ value: String) -> String {
        HexDigest.sha256("\(kind):\(value)")
    }
}
