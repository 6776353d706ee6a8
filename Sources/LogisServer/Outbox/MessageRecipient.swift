import Fluent
import Foundation

/// Where a request's messages go, one recipient per channel: the applicant account's e-mail
/// address (the default) or a letter to the form's postal address, as the account chose in the
/// espace personnel, plus an SMS to the chosen mobile when asked for. A request with no account
/// (filed on paper) gets a letter, as nobody chose anything for it.
struct MessageRecipient: Sendable, Equatable {
    let channel: OutboxMessage.Channel
    let accountID: UUID?
    let address: String

    static func all(of request: HousingRequest, on db: any Database) async throws -> [MessageRecipient] {
        let letter = postalAddress(of: request)
        guard let accountID = request.$account.id, let account = try await Account.find(accountID, on: db),
            !account.email.isEmpty
        else {
            return [MessageRecipient(channel: .letter, accountID: nil, address: letter)]
        }
        let preference = try await ChannelPreference.of(accountID, on: db)
        var recipients: [MessageRecipient] = []
        // A letter needs an address: with none on the form, the e-mail still reaches the person.
        if preference?.main == .letter, !letter.isEmpty {
            recipients.append(MessageRecipient(channel: .letter, accountID: accountID, address: letter))
        } else {
            recipients.append(MessageRecipient(channel: .email, accountID: accountID, address: account.email))
        }
        if preference?.sms == true, let mobile = preference?.mobile.flatMap(MobileNumber.init) {
            recipients.append(MessageRecipient(channel: .sms, accountID: accountID, address: mobile.e164))
        }
        return recipients
    }

    /// Name, street, postcode and town of the form's applicant, one per line.
    static func postalAddress(of request: HousingRequest) -> String {
        let applicant = request.form.applicant
        let lines = [
            request.displayName ?? "",
            applicant?.street ?? "",
            [applicant?.postalCode ?? "", applicant?.city ?? ""].filter { !$0.isEmpty }.joined(separator: " "),
        ]
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The message's key for this channel. E-mail and letter carry the full text and are one or the
    /// other, so they share the event's key: a person who switches between two runs of a job is
    /// not told twice. The SMS, sent in addition, has its own.
    func key(_ eventKey: String) -> String {
        channel == .sms ? "\(eventKey):sms" : eventKey
    }

    func draft(for request: HousingRequest, _ text: MessageText) throws -> MessageDraft {
        MessageDraft(
            channel: channel, accountID: accountID, requestID: try request.requireID(), recipient: address,
            template: text.template, subject: text.subject, body: channel == .sms ? text.smsText : text.body)
    }
}

/// The French text of one message, built by the Swift functions of `MessageTexts`.
struct MessageText: Sendable, Equatable {
    /// An SMS holds at most two concatenated messages of 160 GSM characters.
    static let smsLimit = 320

    let template: String
    let subject: String
    let body: String
    /// The short plain form for SMS: what happened and where to look, no name, no NUD.
    var sms: String? = nil

    var smsText: String {
        let text = sms ?? "Logis : \(subject). Le détail est dans votre espace personnel."
        return text.count <= Self.smsLimit ? text : String(text.prefix(Self.smsLimit - 1)) + "…"
    }
}
