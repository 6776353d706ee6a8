import Foundation
import LogisCore

/// The `log` transport, the default and the demo's: each message becomes a readable UTF-8 text
/// file under `var/outbox/` (`LOGIS_OUTBOX_DIR`), named by its creation day and id, so a
/// newcomer can read what Logis would have sent. Writing the same message again overwrites the
/// same file: a retried send leaves one file.
struct LogTransport: MessageTransport {
    let directory: String

    func send(_ message: OutgoingMessage) async throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let data = Data(Self.text(of: message).utf8)
            try data.write(to: folder.appendingPathComponent(Self.fileName(of: message)), options: .atomic)
        } catch {
            // A full disk or a missing permission may be fixed: try again later.
            throw MessageTransportError.transient("log_write_failed")
        }
    }

    static func fileName(of message: OutgoingMessage) -> String {
        "\(CalendarDate.today(now: message.createdAt).iso)_\(message.id.uuidString.lowercased()).txt"
    }

    static func text(of message: OutgoingMessage) -> String {
        """
        Canal : \(label(message.channel))
        À : \(message.recipient.replacingOccurrences(of: "\n", with: ", "))
        Objet : \(message.subject)
        Modèle : \(message.template)
        Référence : \(message.idempotenceKey)

        \(message.body)

        """
    }

    static func label(_ channel: OutboxMessage.Channel) -> String {
        switch channel {
        case .email: "courriel"
        case .sms: "SMS"
        case .letter: "courrier (liste d’impression du guichet)"
        }
    }
}
