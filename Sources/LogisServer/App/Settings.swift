import NIOCore
import Vapor

/// Everything the deployment may change, read once from the environment.
public struct Settings: Sendable {
    public enum DatabaseKind: String, Sendable {
        case sqlite
        case postgres
    }

    /// `postgres://…` when set; otherwise the embedded SQLite file is used.
    public var databaseURL: String?
    /// Path of the embedded SQLite database.
    public var sqlitePath: String
    /// Cookies get the `Secure` attribute when the public URL is served over HTTPS.
    public var secureCookies: Bool
    /// Bcrypt cost; lowered only by the test suite to keep it fast.
    public var bcryptCost: Int
    /// Where imported rule tables (next year's ceilings) are stored.
    public var rulesDataDirectory: String
    /// Uploaded pieces, outside the web root.
    public var filesDirectory: String
    /// The reverse proxies whose `X-Forwarded-For` is believed (`LOGIS_TRUSTED_PROXIES`).
    public var trustedProxies = TrustedProxies.none
    /// How much a request may send, and how fast: the defence against slow or oversized bodies.
    public var limits = RequestLimits()
    /// `LOGIS_PUBLIC_URL` without its trailing slash: the start of the links sent by e-mail. Never
    /// taken from the request's `Host` header, which the sender writes (a forged host would send
    /// a reset link pointing at the attacker's site). Unset: the address `serve` listens on by default.
    public var publicURL = "http://127.0.0.1:8080"
    /// The publisher and host named by the mentions légales (`LOGIS_OPERATOR_NAME`…).
    public var legalNotice = LegalNotice(reading: { _ in nil })
    /// `LOGIS_SECRET_KEY`: the key that signs the form tokens, the same for every instance. Unset:
    /// a key generated once and kept in the database (`server_secrets`).
    public var secretKey: String?

    public var databaseKind: DatabaseKind { databaseURL == nil ? .sqlite : .postgres }

    public init(
        databaseURL: String?, sqlitePath: String, secureCookies: Bool = false, bcryptCost: Int = 12,
        rulesDataDirectory: String = "var/rules", filesDirectory: String = "var/files"
    ) {
        self.databaseURL = databaseURL
        self.sqlitePath = sqlitePath
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.rulesDataDirectory = rulesDataDirectory
        self.filesDirectory = filesDirectory
    }

    public init(environment: Environment) throws {
        let url = Environment.get("DATABASE_URL").flatMap { $0.isEmpty ? nil : $0 }
        if let url, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            throw ConfigurationError(message: "DATABASE_URL doit commencer par postgres:// (ou être vide pour SQLite).")
        }
        let publicURL = Environment.get("LOGIS_PUBLIC_URL") ?? ""
        self.init(
            databaseURL: url,
            sqlitePath: Environment.get("LOGIS_SQLITE_PATH") ?? "var/logis.sqlite",
            secureCookies: publicURL.hasPrefix("https://"),
            bcryptCost: Environment.get("LOGIS_BCRYPT_COST").flatMap(Int.init) ?? 12,
            rulesDataDirectory: Environment.get("LOGIS_RULES_DIR") ?? "var/rules",
            filesDirectory: Environment.get("LOGIS_FILES_DIR") ?? "var/files"
        )
        if !publicURL.isEmpty {
            self.publicURL = String(publicURL.reversed().drop { $0 == "/" }.reversed())
        }
        legalNotice = LegalNotice(reading: Environment.get)
        if let key = Environment.get("LOGIS_SECRET_KEY"), !key.isEmpty {
            guard key.count >= ServerSecret.minimumLength else {
                throw ConfigurationError(
                    message: "LOGIS_SECRET_KEY doit compter au moins \(ServerSecret.minimumLength) caractères.")
            }
            secretKey = key
        }
        trustedProxies = try TrustedProxies(parsing: Environment.get("LOGIS_TRUSTED_PROXIES") ?? "")
        if trustedProxies.isEmpty, Environment.get("LOGIS_TRUSTED_PROXY") == "1" {
            // The earlier on/off setting meant a proxy on the same machine.
            trustedProxies = try TrustedProxies(parsing: "127.0.0.1,::1")
        }
        if let seconds = Environment.get("LOGIS_IDLE_TIMEOUT").flatMap(Int64.init), seconds > 0 {
            limits.idleTimeout = .seconds(seconds)
        }
    }
}

/// Bounds on what one request may send and how long it may take; tests shorten the delays.
public struct RequestLimits: Sendable {
    /// A request without an account only signs in or signs up: a few hundred bytes.
    public var anonymousBody = 16 * 1024
    /// A signed-in form page (the longest is a wizard section with free text).
    public var formBody = 64 * 1024
    /// An upload: one 5 MB piece plus the form's other fields.
    public var uploadBody = 6 * 1024 * 1024
    /// Time to receive a whole form body once its head has arrived.
    public var formDeadline: TimeAmount = .seconds(15)
    /// Time to receive a whole upload (6 MB at 50 kB/s, a poor mobile line).
    public var uploadDeadline: TimeAmount = .seconds(120)
    /// A connection that neither sends nor receives for this long is closed (`LOGIS_IDLE_TIMEOUT`).
    public var idleTimeout: TimeAmount = .seconds(30)
    /// Upload bytes all requests together may hold on disk while they are being received and read
    /// (the spool, then the piece copied out of it: at most twice this at the peak). It also
    /// bounds how many uploads are parsed at once; memory no longer depends on it (an upload holds
    /// a chunk at a time).
    public var uploadsInFlight = 64 * 1024 * 1024

    public init() {}
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Application {
    private struct SettingsKey: StorageKey {
        typealias Value = Settings
    }

    public var logisSettings: Settings {
        get {
            guard let settings = storage[SettingsKey.self] else {
                fatalError("configure(_:) must run before the settings are read")
            }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }
}
