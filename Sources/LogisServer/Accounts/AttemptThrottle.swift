import Crypto
import Fluent
import Vapor

/// One counted attempt (a sign-in, a claim code, a sign-up) under one hashed key. Stored in the database so
/// that all server instances share the count; the keys are hashed (no e-mail or IP in clear).
final class SignInFailure: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(keyHash: String, occurredAt: Date) {
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

/// Slows down guessing (passwords, claim codes) and mass sign-ups, with counters kept in the
/// database so that every instance shares them. Keys are hashed: no e-mail or address in clear.
///
/// A counter never locks the person it protects: sign-in failures are counted per (account,
/// address) pair and per address, so a stranger elsewhere cannot keep an account shut. Past its
/// limit a growing counter lets one attempt through after 30 s, then 1, 2, 4… minutes (at most
/// the 15-minute window) since the previous one.
struct AttemptThrottle {
    struct Counter {
        let key: String
        let limit: Int
        let growing: Bool

        init(_ kind: String, _ value: String, limit: Int, growing: Bool = true) {
            self.key = HexDigest.sha256("\(kind):\(value)")
            self.limit = limit
            self.growing = growing
        }
    }

    static let window: TimeInterval = 15 * 60
    static let firstDelay: TimeInterval = 30

    let database: any Database
    let now: Date

    init(database: any Database, now: Date) {
        self.database = database
        self.now = now
    }

    /// Records the attempt under every counter *before* it is judged, then refuses it when a
    /// counter is past its limit. Insert-then-count makes parallel attempts safe: of many at once,
    /// each sees every row committed before its own, so no more than `limit` of them pass.
    /// Returns the rows to forget if the attempt succeeds.
    func admit(_ counters: [Counter]) async throws -> [SignInFailure] {
        let rows = counters.map { SignInFailure(keyHash: $0.key, occurredAt: now) }
        for row in rows { try await row.create(on: database) }
        let since = now.addingTimeInterval(-Self.window)
        for (counter, row) in zip(counters, rows) {
            let recent = SignInFailure.query(on: database).filter(\.$keyHash == counter.key)
                .filter(\.$occurredAt > since)
            let count = try await recent.count()
            guard count > counter.limit else { continue }
            guard counter.growing else { throw LogisError.tooManyAttempts }
            let excess = Double(count - counter.limit)
            let delay = min(Self.window, Self.firstDelay * pow(2, excess - 1))
            let previous = try await SignInFailure.query(on: database).filter(\.$keyHash == counter.key)
                .filter(\.$id != row.requireID()).sort(\.$occurredAt, .descending).first()
            if let previous, now.timeIntervalSince(previous.occurredAt) < delay { throw LogisError.tooManyAttempts }
        }
        return rows
    }

    /// A success: the attempt's own rows, and every failure of these counters, are forgotten.
    func forget(_ rows: [SignInFailure], clearing counters: [Counter] = []) async throws {
        for row in rows { try await row.delete(on: database) }
        for counter in counters {
            try await SignInFailure.query(on: database).filter(\.$keyHash == counter.key).delete()
        }
    }
}

extension AttemptThrottle.Counter {
    /// Wrong passwords for one account from one address.
    static func signIn(email: String, address: String) -> Self {
        .init("pair", "\(Account.normalise(email: email))|\(address)", limit: 5)
    }

    /// Wrong passwords from one address, whatever the account.
    static func signInFrom(address: String) -> Self { .init("address", address, limit: 20) }

    /// Wrong current passwords given by a signed-in session (a stolen one must not guess freely).
    static func passwordCheck(accountID: UUID) -> Self { .init("password-change", accountID.uuidString, limit: 5) }

    /// Claim codes tried for one request, whatever dashes or spaces were typed in the NUD.
    static func claim(nud: String) -> Self { .init("claim", nud, limit: 10, growing: false) }

    /// Claim codes tried from one address, whatever the request.
    static func claimFrom(address: String) -> Self { .init("claim-address", address, limit: 20, growing: false) }

    /// Duplicate checks by one agent: past the limit, a loop probing who has a request stops.
    static func duplicateChecks(agentID: UUID) -> Self {
        .init("duplicate-check", agentID.uuidString, limit: DuplicateDetection.checksPerAgent, growing: false)
    }

    /// Accounts created from one address (each costs a Bcrypt hash).
    static func signUpFrom(address: String) -> Self { .init("sign-up", address, limit: 10, growing: false) }

    /// Sign-ups with one address: each sends a message to it, which must not become a way to flood a mailbox.
    static func signUpFor(email: String) -> Self { .init("sign-up-email", email, limit: 3, growing: false) }

    /// Password reset links asked from one address, whatever the e-mail.
    static func resetFrom(address: String) -> Self { .init("reset-address", address, limit: 10, growing: false) }

    /// Password reset links asked for one e-mail (known or not: the answer must not differ).
    static func resetFor(email: String) -> Self { .init("reset-email", email, limit: 3, growing: false) }

    /// Confirmation links sent again on sign-in with the right password to an unconfirmed account.
    static func confirmationResend(accountID: UUID) -> Self {
        .init("confirmation-resend", accountID.uuidString, limit: 3, growing: false)
    }
}
