import Fluent
import Foundation
import Vapor

/// What an applicant asks for in « Comment être prévenu(e) » (page or API), checked and stored.
struct ChannelChoice: Content, Equatable {
    /// `email` or `letter`.
    var main: String
    var sms: Bool
    /// A French mobile number in any usual writing; stored as E.164.
    var mobile: String?

    static let invalidChannel = LogisError.validation(
        "Choisissez comment recevoir nos messages : par courriel ou par courrier papier.", code: .invalidChannel)
    static let mobileRequired = LogisError.validation(
        "Pour recevoir aussi un SMS, indiquez un numéro de téléphone portable français (06 ou 07), "
            + "par exemple 06 12 34 56 78.", code: .invalidMobileNumber)

    init(main: String, sms: Bool, mobile: String?) {
        self.main = main
        self.sms = sms
        self.mobile = mobile
    }

    init(_ preference: ChannelPreference) {
        main = preference.main.rawValue
        sms = preference.sms
        mobile = preference.mobile
    }

    /// The account's choice, e-mail only when it never chose.
    static func current(of accountID: UUID, on db: any Database) async throws -> ChannelChoice {
        let stored = try await ChannelPreference.of(accountID, on: db)
        return stored.map(ChannelChoice.init) ?? ChannelChoice(main: "email", sms: false, mobile: nil)
    }

    /// Checks the choice, stores it and writes the audit line, in one transaction.
    @discardableResult
    static func save(_ choice: ChannelChoice, for account: Account, on req: Request) async throws -> ChannelChoice {
        guard let main = ChannelPreference.Main(rawValue: choice.main) else { throw invalidChannel }
        let typed = (choice.mobile ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let mobile = typed.isEmpty ? nil : MobileNumber(String(typed.prefix(40)))
        // A number typed wrong is refused even with SMS off: it would be kept and used later.
        if mobile == nil, choice.sms || !typed.isEmpty { throw mobileRequired }
        let accountID = try account.requireID()
        let now = req.now
        try await req.db.transaction { db in
            let preference =
                try await ChannelPreference.of(accountID, on: db)
                ?? ChannelPreference.standard(for: accountID, now: now)
            preference.main = main
            preference.sms = choice.sms
            preference.mobile = mobile?.e164
            preference.updatedAt = now
            try await preference.save(on: db)
            let summary = [main.rawValue, choice.sms ? "sms" : nil].compactMap { $0 }.joined(separator: "+")
            try await req.audit(
                .messageChannelsChanged, target: .account(accountID), reason: .channels(summary), in: db)
        }
        return ChannelChoice(main: main.rawValue, sms: choice.sms, mobile: mobile?.e164)
    }
}
