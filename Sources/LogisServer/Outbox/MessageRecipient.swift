import Fluent
import Foundation

/// Where a request's messages go: the applicant account's e-mail address, or, for a request
/// with no account (filed on paper), a letter to the postal address of the form. Channel
/// preferences chosen in the espace personnel come later (issue 12).
struct MessageRecipient: Sendable, Equatable {
    let channel: OutboxMessage.Channel
    let accountID: UUID?
    let address: String

    static func of(_ request: HousingRequest, on db: any Database) async throws -> MessageRecipient {
        if let accountID = request.$account.id, let account = try await Account.find(accountID, on: db),
            !account.email.isEmpty
        {
            return MessageRecipient(channel: .email, accountID: accountID, address: account.email)
        }
        let applicant = request.form.applicant
        let lines = [
            request.displayName ?? "",
            applicant?.street ?? "",
            [applicant?.postalCode ?? "", applicant?.city ?? ""].filter { !$0.isEmpty }.joined(separator: " "),
        ]
        return MessageRecipient(
            channel: .letter, accountID: nil,
            address: lines.filter { !$0.isEmpty }.joined(separator: "\n"))
    }

    func draft(for request: HousingRequest, _ text: MessageText) throws -> MessageDraft {
        MessageDraft(
            channel: channel, accountID: accountID, requestID: try request.requireID(), recipient: address,
            template: text.template, subject: text.subject, body: text.body)
    }
}

/// The French text of one message, built by the Swift functions of `MessageTexts`.
struct MessageText: Sendable, Equatable {
    let template: String
    let subject: String
    let body: String
}
