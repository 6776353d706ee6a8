import NIOSSL

/// Where and how `SMTPClient` sends.
public struct SMTPConfiguration: Sendable {
    public enum Security: String, Sendable, CaseIterable {
        /// Upgrade with STARTTLS (submission port 587); refuse to go on in clear.
        case startTLS = "starttls"
        /// Upgrade when the server offers STARTTLS, otherwise go on in clear, credentials included.
        /// For a local test server only.
        case startTLSIfAvailable = "starttls-if-available"
        /// TLS from the first byte (RFC 8314 "implicit TLS", port 465).
        case tls
        /// Never TLS. For a local test server only.
        case plain

        public var defaultPort: Int {
            switch self {
            case .startTLS, .startTLSIfAvailable: 587
            case .tls: 465
            case .plain: 25
            }
        }
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// The envelope sender (MAIL FROM), where bounces go; also the natural `MailMessage.from`.
    public var from: MailAddress
    public var security: Security
    /// The name given in EHLO; RFC 5321 §4.1.4 wants the client's domain.
    public var clientName: String
    public var connectTimeout: Duration
    /// How long to wait for each reply; the reply to the end of DATA may take the server a while.
    public var commandTimeout: Duration
    /// The certificates trusted for the server's; the system's by default, a test's own authority in tests.
    public var trustRoots: NIOSSLTrustRoots

    public init(
        host: String,
        port: Int? = nil,
        username: String? = nil,
        password: String? = nil,
        from: MailAddress,
        security: Security = .startTLS,
        clientName: String = "localhost",
        connectTimeout: Duration = .seconds(10),
        commandTimeout: Duration = .seconds(60),
        trustRoots: NIOSSLTrustRoots = .default
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.username = username
        self.password = password
        self.from = from
        self.security = security
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.trustRoots = trustRoots
    }
}

extension SMTPConfiguration: CustomStringConvertible {
    /// Safe to log: the password is never part of it.
    public var description: String {
        let user = username.map { " as \($0)" } ?? ""
        return "smtp \(security.rawValue)://\(host):\(port)\(user) from \(from.address)"
    }
}
