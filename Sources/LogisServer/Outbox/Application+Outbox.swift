import LogisMail
import Vapor

/// The outbox's configuration, read from the environment.
struct OutboxSettings: Sendable {
    /// `LOGIS_OUTBOX_DIR`: where the `log` transport writes.
    var directory = "var/outbox"
    /// `LOGIS_OUTBOX_TRANSPORT`: `log` (default), or `email` to send e-mails through SMTP_HOST…
    /// (set SMTP_HOST alone and `email` is chosen).
    var transport = "log"
    /// `LOGIS_SMS_WEBHOOK_URL`: where SMS are POSTed; unset, they are written with the `log` files.
    var smsWebhookURL: String?
    /// `LOGIS_SMS_WEBHOOK_TOKEN`: the gateway's bearer token, if it asks for one.
    var smsWebhookToken: String?

    static func fromEnvironment() -> OutboxSettings {
        var settings = OutboxSettings()
        if let directory = Environment.get("LOGIS_OUTBOX_DIR"), !directory.isEmpty { settings.directory = directory }
        if let transport = Environment.get("LOGIS_OUTBOX_TRANSPORT"), !transport.isEmpty {
            settings.transport = transport
        } else if let host = Environment.get("SMTP_HOST"), !host.isEmpty {
            settings.transport = "email"
        }
        settings.smsWebhookURL = Environment.get("LOGIS_SMS_WEBHOOK_URL").flatMap { $0.isEmpty ? nil : $0 }
        settings.smsWebhookToken = Environment.get("LOGIS_SMS_WEBHOOK_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
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
            let settings = OutboxSettings.fromEnvironment()
            let others = mailOrFiles(settings)
            guard let webhook = settings.smsWebhookURL else { return others }
            return SMSWebhookTransport(
                client: client, url: URI(string: webhook), token: settings.smsWebhookToken, others: others)
        }
        set { storage[TransportKey.self] = newValue }
    }

    /// E-mail through SMTP when asked for, the other channels (and e-mail by default) as files.
    private func mailOrFiles(_ settings: OutboxSettings) -> any MessageTransport {
        let files = LogTransport(directory: settings.directory)
        guard settings.transport == "email" else { return files }
        do {
            guard let smtp = try SMTPConfiguration.fromEnvironment(ProcessInfo.processInfo.environment) else {
                logger.error("LOGIS_OUTBOX_TRANSPORT=email sans SMTP_HOST : les courriels attendent dans l’outbox")
                return UnconfiguredMail(others: files)
            }
            return EmailTransport(mail: SMTPClient(configuration: smtp), from: smtp.from, others: files)
        } catch {
            // The message names the variable and what it accepts; never the password. The
            // e-mails wait (retried) rather than being marked sent to a file nobody reads.
            logger.error("configuration SMTP refusée : \(error)")
            return UnconfiguredMail(others: files)
        }
    }
}

/// E-mail asked for but SMTP_* unusable: e-mails stay pending (transient failures, retried with
/// backoff) until an operator fixes the configuration; the other channels go on.
struct UnconfiguredMail: MessageTransport {
    let others: any MessageTransport

    func send(_ message: OutgoingMessage) async throws {
        guard message.channel == .email else { return try await others.send(message) }
        throw MessageTransportError.transient("smtp_not_configured")
    }
}
