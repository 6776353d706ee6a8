import Vapor

/// The outbox's configuration, read from the environment.
struct OutboxSettings: Sendable {
    /// `LOGIS_OUTBOX_DIR`: where the `log` transport writes.
    var directory = "var/outbox"
    /// `LOGIS_OUTBOX_TRANSPORT`: `log` (default). `email` arrives with the `LogisMail` target.
    var transport = "log"

    static func fromEnvironment() -> OutboxSettings {
        var settings = OutboxSettings()
        if let directory = Environment.get("LOGIS_OUTBOX_DIR"), !directory.isEmpty { settings.directory = directory }
        if let transport = Environment.get("LOGIS_OUTBOX_TRANSPORT"), !transport.isEmpty {
            settings.transport = transport
        }
        return settings
    }
}

extension Application {
    private struct TransportKey: StorageKey {
        typealias Value = any MessageTransport
    }

    /// The transport the sender uses; tests set their own.
    var outboxTransport: any MessageTransport {
        get {
            if let transport = storage[TransportKey.self] { return transport }
            // The seam for e-mail: when `LogisMail` lands, `transport == "email"` builds its
            // `MailTransport` from SMTP_HOST… and wraps it here; until then every channel is logged.
            return LogTransport(directory: OutboxSettings.fromEnvironment().directory)
        }
        set { storage[TransportKey.self] = newValue }
    }
}
