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
    /// Behind a reverse proxy that sets `X-Forwarded-For` (`LOGIS_TRUSTED_PROXY=1`).
    public var trustedProxy: Bool = false

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
        trustedProxy = Environment.get("LOGIS_TRUSTED_PROXY") == "1"
    }
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
