import Foundation
import NIOCore
import Vapor

/// Sends the outbox's SMS by POSTing them to an HTTP webhook (`LOGIS_SMS_WEBHOOK_URL`), the shape
/// most SMS gateways and a small relay script can accept; the other channels go to `others`.
/// Body: `{"to": "+336…", "text": "…", "id": "<idempotence key>"}`, so a gateway that receives
/// the same message twice (a retry after a lost answer) can drop the second.
struct SMSWebhookTransport: MessageTransport {
    struct Payload: Content, Equatable {
        let to: String
        let text: String
        let id: String
    }

    let client: any Client
    let url: URI
    /// `LOGIS_SMS_WEBHOOK_TOKEN`, sent as `Authorization: Bearer`.
    let token: String?
    let others: any MessageTransport
    var timeout: TimeAmount = .seconds(15)

    func send(_ message: OutgoingMessage) async throws {
        guard message.channel == .sms else { return try await others.send(message) }
        // A number stored before a rule changed would be refused on every attempt.
        guard let mobile = MobileNumber(message.recipient) else {
            throw MessageTransportError.permanent("invalid_phone")
        }
        let payload = Payload(to: mobile.e164, text: message.body, id: message.idempotenceKey)
        let response: ClientResponse
        do {
            response = try await client.post(url) { request in
                if let token { request.headers.bearerAuthorization = BearerAuthorization(token: token) }
                request.timeout = timeout
                try request.content.encode(payload, as: .json)
            }
        } catch {
            // Connection refused, DNS, TLS, timeout: the gateway may be back later.
            throw MessageTransportError.transient("sms_unreachable")
        }
        try Self.outcome(of: response.status)
    }

    /// 2xx: accepted. 408 and 429 ask to come back later, as do 5xx. Any other 4xx says this
    /// message will never be accepted (bad number, refused token): failed at once, for an operator.
    static func outcome(of status: HTTPResponseStatus) throws {
        switch status.code {
        case 200..<300: return
        case 408, 429, 500..<600: throw MessageTransportError.transient("sms_\(status.code)")
        default: throw MessageTransportError.permanent("sms_\(status.code)")
        }
    }
}
