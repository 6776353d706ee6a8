import Crypto
import Fluent
import SQLKit
import Vapor

/// The server's secret key: `LOGIS_SECRET_KEY` when the deployment sets one, otherwise a random
/// key stored once in `server_secrets` and read back by every instance.
enum ServerSecret {
    static let table = "server_secrets"
    static let keyName = "server_key"
    /// The shortest `LOGIS_SECRET_KEY` accepted: 32 characters of a generated value carry at least
    /// 128 bits even when they are hexadecimal.
    static let minimumLength = 32

    /// Reads the stored key into the application, after the migrations; a key from the
    /// settings was taken at configuration and the database is then not asked.
    static func load(_ app: Application) async throws {
        guard app.logisSettings.secretKey == nil else { return }
        app.csrfKey = csrfKey(from: try await storedKey(on: app.db))
    }

    /// Two instances starting together both try to insert; the second insert is ignored and both
    /// read back the same row.
    static func storedKey(on database: any Database) async throws -> String {
        guard let sql = database as? any SQLDatabase else {
            throw ConfigurationError(message: "La base configurée n’accepte pas les requêtes SQL.")
        }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncodedString()
        try await sql.insert(into: table).columns("name", "value").values(SQLBind(keyName), SQLBind(fresh))
            .ignoringConflicts(with: "name").run()
        let row = try await sql.select().column("value").from(table).where("name", .equal, SQLBind(keyName)).first()
        guard let value = try row?.decode(column: "value", as: String.self), !value.isEmpty else {
            throw ConfigurationError(message: "La clé secrète du serveur n’a pas pu être enregistrée.")
        }
        return value
    }

    /// A key of its own for the form tokens, so that another use of the server key never signs
    /// something a form would accept.
    static func csrfKey(from secret: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)), info: Data("logis form token v1".utf8),
            outputByteCount: 32)
    }
}

extension Application {
    private struct CSRFKeyStorage: StorageKey {
        typealias Value = SymmetricKey
    }

    /// The key of the form tokens, set by `configure` (`LOGIS_SECRET_KEY`) or by
    /// `prepareDatabase()`, before any request is served.
    var csrfKey: SymmetricKey {
        get {
            guard let key = storage[CSRFKeyStorage.self] else {
                fatalError("prepareDatabase() must run before a form token is made or checked")
            }
            return key
        }
        set { storage[CSRFKeyStorage.self] = newValue }
    }
}
