extension SMTPConfiguration {
    /// Reads SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM and SMTP_SECURITY;
    /// nil when SMTP_HOST is unset (mail then goes to the file outbox).
    public static func fromEnvironment(
        _ environment: [String: String]
    ) throws(SMTPConfigurationError) -> SMTPConfiguration? {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingSpaces(), !raw.isEmpty else { return nil }
            return raw
        }
        guard let host = value("SMTP_HOST") else { return nil }

        let security: Security
        switch value("SMTP_SECURITY")?.lowercased() {
        case nil: security = .startTLS
        case "starttls": security = .startTLS
        case "tls": security = .tls
        case "plain": security = .plain
        case let other?: throw .invalidSecurity(other)
        }

        var port: Int?
        if let raw = value("SMTP_PORT") {
            guard let parsed = Int(raw), (1...65535).contains(parsed) else { throw .invalidPort(raw) }
            port = parsed
        }

        guard let rawFrom = value("SMTP_FROM") else { throw .missingFrom }
        let from: MailAddress
        do {
            from = try MailAddress(parsing: rawFrom)
        } catch {
            throw .invalidFrom(rawFrom)
        }

        let username = value("SMTP_USERNAME")
        let password = environment["SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        switch (username, password) {
        case (nil, nil), (.some, .some): break
        case (.some, nil): throw .incompleteCredentials(missing: "SMTP_PASSWORD")
        case (nil, .some): throw .incompleteCredentials(missing: "SMTP_USERNAME")
        }

        return SMTPConfiguration(
            host: host, port: port, username: username, password: password, from: from, security: security)
    }
}

/// A bad SMTP_* variable; the message, in French, names the variable and what it accepts.
public enum SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSecurity(String)
    case invalidPort(String)
    case missingFrom
    case invalidFrom(String)
    /// SMTP_USERNAME and SMTP_PASSWORD go together; `missing` names the one that is absent.
    case incompleteCredentials(missing: String)

    public var description: String {
        switch self {
        case .invalidSecurity(let value):
            "SMTP_SECURITY vaut « \(value) » : les valeurs possibles sont starttls, tls ou plain."
        case .invalidPort(let value):
            "SMTP_PORT vaut « \(value) » : un numéro de port entre 1 et 65535 est attendu."
        case .missingFrom:
            "SMTP_FROM est obligatoire quand SMTP_HOST est défini (par exemple « Logis <ne-pas-repondre@logis.fr> »)."
        case .invalidFrom(let value):
            "SMTP_FROM vaut « \(value) » : une adresse e-mail est attendue, par exemple « Logis <ne-pas-repondre@logis.fr> »."
        case .incompleteCredentials(let missing):
            "SMTP_USERNAME et SMTP_PASSWORD vont ensemble : \(missing) est manquant."
        }
    }
}
