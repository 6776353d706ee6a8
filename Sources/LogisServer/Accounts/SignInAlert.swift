import Fluent
import LogisCore
import Vapor

/// Tells the owner of an account when its sign-ins are being throttled (issue 15 finding 4): the
/// person learns that someone is trying their password, and how to change it. At most one message
/// per account and day (the outbox's idempotence key), so an attacker cannot flood the mailbox;
/// the answer to the attempt is the same 429 whether or not the address has an account.
enum SignInAlert {
    static func send(toOwnerOf email: String, on request: Request) async throws {
        let account = try await Account.query(on: request.db)
            .filter(\.$email == Account.normalise(email: email)).first()
        guard let account, account.emailConfirmedAt != nil, let id = account.id else { return }
        let day = CalendarDate.today(now: request.now)
        let text = MessageTexts.signInThrottled(
            resetLink: AccountLinks.url(AccountLinks.forgottenPasswordPath, on: request.application))
        try await AccountLinks.enqueue(
            text, to: account, key: "sign-in-alert:\(id.uuidString.lowercased()):\(day.iso)", now: request.now,
            on: request.db)
    }
}

extension MessageTexts {
    static func signInThrottled(resetLink: String) -> MessageText {
        let body = """
            Madame, Monsieur,

            Plusieurs tentatives de connexion à votre compte Logis ont échoué en peu de temps, avec un \
            mauvais mot de passe. Par précaution, les connexions depuis l’adresse d’où elles venaient \
            sont suspendues quelques minutes ; votre compte, lui, reste utilisable.

            Si c’était vous, vous pourrez réessayer dans quelques minutes. Si ce n’était pas vous, \
            choisissez dès maintenant un nouveau mot de passe :

            \(resetLink)

            Ce message n’est envoyé qu’une fois par jour au plus.

            \(signature)
            """
        return MessageText(
            template: "sign-in-throttled", subject: "Tentatives de connexion à votre compte Logis", body: body)
    }
}
