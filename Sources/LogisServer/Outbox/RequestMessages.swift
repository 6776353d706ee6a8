import Fluent
import Foundation
import LogisCore

/// The messages that tell an applicant what just happened to their request (issue 12: « every
/// message is a row written in the same transaction as the event that causes it »): NUD issued,
/// piece refused, CALEOL decision, offer. Each is queued in `db`, the event's transaction, by the
/// channels the applicant chose (`MessageRecipient`), or as a letter for a paper request.
enum RequestMessages {
    static func enqueue(
        _ text: MessageText, about requestID: UUID, key: String, now: Date, on db: any Database
    ) async throws {
        guard let request = try await HousingRequest.find(requestID, on: db) else { return }
        try await enqueue(text, to: request, key: key, now: now, on: db)
    }

    /// One message per channel the applicant chose, each under its own key. True when this call
    /// added the message of the main channel (e-mail or letter; a key already queued is a no-op).
    @discardableResult
    static func enqueue(
        _ text: MessageText, to request: HousingRequest, key: String, now: Date, on db: any Database
    ) async throws -> Bool {
        var mainAdded = false
        for recipient in try await MessageRecipient.all(of: request, on: db) {
            let added = try await Outbox.enqueue(
                try recipient.draft(for: request, text), key: recipient.key(key), now: now, on: db)
            if recipient.channel != .sms { mainAdded = added }
        }
        return mainAdded
    }
}

extension MessageTexts {
    static func nudIssued(nud: String, anniversary: CalendarDate?) -> MessageText {
        let renewal =
            anniversary.map {
                "Votre demande est valable un an : renouvelez-la avant le \(long($0)) pour garder votre ancienneté. "
                    + "Nous vous le rappellerons deux mois avant."
            } ?? ""
        let body = """
            Madame, Monsieur,

            Votre demande de logement social est enregistrée sous le numéro unique :

            \(nud)

            Ce numéro vous suit dans toutes vos démarches : donnez-le à chaque contact avec un guichet \
            ou un bailleur. Votre attestation d’enregistrement est disponible dans votre espace \
            personnel, ou vous est remise par le guichet. \(renewal)

            \(signature)
            """
        return MessageText(
            template: "nud-issued", subject: "Votre demande de logement social est enregistrée (\(nud))", body: body,
            sms:
                "Logis : votre demande de logement social est enregistrée. Votre numéro unique et votre "
                + "attestation sont dans votre espace personnel.")
    }

    static func pieceRefused(piece: String, reason: String, comment: String?) -> MessageText {
        let remark = comment.map { "\n\nCommentaire du guichet : \($0)" } ?? ""
        let body = """
            Madame, Monsieur,

            Une pièce de votre dossier de demande de logement social a été refusée : \(piece) \
            (\(reason)).\(remark)

            Déposez une nouvelle pièce dans votre espace personnel, ou apportez-la à votre guichet : \
            un dossier complet est nécessaire pour que votre demande soit examinée.

            \(signature)
            """
        return MessageText(
            template: "piece-refused", subject: "Une pièce de votre dossier a été refusée", body: body,
            sms:
                "Logis : une pièce de votre dossier de logement social a été refusée. Déposez-en une nouvelle "
                + "depuis votre espace personnel ou à votre guichet.")
    }

    static func caleolDecision(_ sentence: String, motif: String?) -> MessageText {
        let reason = motif.map { "\n\nMotif : \($0)" } ?? ""
        let body = """
            Madame, Monsieur,

            La commission d’attribution des logements (CALEOL) a examiné votre candidature.

            \(sentence)\(reason)

            Le détail figure dans l’historique de votre demande, dans votre espace personnel.

            \(signature)
            """
        return MessageText(
            template: "caleol-decision", subject: "Décision de la commission d’attribution de logement", body: body,
            sms:
                "Logis : la commission d’attribution a examiné votre candidature. Sa décision est dans votre "
                + "espace personnel.")
    }

    static func offerMade(_ sentence: String) -> MessageText {
        let body = """
            Madame, Monsieur,

            \(sentence)

            Répondez depuis votre espace personnel ou auprès du bailleur. Un refus n’annule pas votre \
            demande, qui reste active.

            \(signature)
            """
        return MessageText(
            template: "offer-made", subject: "Un logement social vous est proposé", body: body,
            sms:
                "Logis : un logement social vous est proposé. Répondez dans le délai indiqué, depuis votre "
                + "espace personnel ou auprès du bailleur.")
    }

    /// CCH R441-10: an offer left unanswered past its deadline counts as refused.
    static func offerLapsed(_ sentence: String) -> MessageText {
        let body = """
            Madame, Monsieur,

            \(sentence)

            Votre demande reste active : elle pourra recevoir d’autres propositions. Si vous n’avez pas pu \
            répondre pour une raison indépendante de votre volonté, contactez le bailleur ou votre guichet.

            \(signature)
            """
        return MessageText(
            template: "offer-lapsed", subject: "Proposition de logement sans réponse", body: body,
            sms:
                "Logis : la proposition de logement est restée sans réponse et vaut refus. Votre demande reste "
                + "active ; le détail est dans votre espace personnel.")
    }
}
