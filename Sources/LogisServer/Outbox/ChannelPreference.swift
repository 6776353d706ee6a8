import Fluent
import Foundation

/// How an applicant wants to be told (espace personnel): by e-mail (the default, no row) or by
/// paper letter, and by SMS in addition to either when they gave a mobile number.
final class ChannelPreference: Model, @unchecked Sendable {
    static let schema = "channel_preferences"

    /// E-mail and letter are the two ways the full text reaches the person: one or the other.
    enum Main: String, Codable, Sendable, CaseIterable {
        case email
        case letter
    }

    @ID(custom: "account_id", generatedBy: .user) var id: UUID?
    @Field(key: "main_channel") var main: Main
    @Field(key: "sms") var sms: Bool
    /// E.164 (`+33612345678`); kept when SMS is turned off, so turning it on again needs no retyping.
    @OptionalField(key: "mobile") var mobile: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// What an account that never chose gets: e-mail only.
    static func standard(for accountID: UUID, now: Date) -> ChannelPreference {
        let preference = ChannelPreference()
        preference.id = accountID
        preference.main = .email
        preference.sms = false
        preference.updatedAt = now
        return preference
    }

    static func of(_ accountID: UUID, on db: any Database) async throws -> ChannelPreference? {
        try await ChannelPreference.find(accountID, on: db)
    }
}
