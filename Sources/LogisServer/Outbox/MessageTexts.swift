import LogisCore

/// The French texts of the messages. Plain Swift rather than Leaf: messages are text/plain (Leaf
/// escapes for HTML, so « l'ancienneté » would arrive as `l&#39;ancienneté`), and they are built
/// inside the job's database transaction, where reading template files would add I/O.
enum MessageTexts {
    static let signature = """
        Cordialement,
        Le service d’enregistrement de la demande de logement social (Logis)
        """

    /// Seed 003: « prévenu(e) … 2 mois avant la date d'anniversaire »; DOMAIN.md §3: renewal keeps
    /// the NUD and the seniority; the renewal page asks only what changed.
    static func renewalReminder(
        _ reminder: RenewalReminder, nud: String, schedule: RenewalSchedule
    ) -> MessageText {
        let anniversary = long(schedule.anniversary)
        let radiation = long(schedule.radiation)
        let subject: String
        let opening: String
        switch reminder {
        case .twoMonths:
            subject = "Votre demande de logement social est à renouveler avant le \(anniversary)"
            opening = "Votre demande de logement social n° \(nud) arrive à échéance le \(anniversary)."
        case .thirtyDays:
            subject = "Rappel : plus que 30 jours pour renouveler votre demande de logement social"
            opening =
                "Votre demande de logement social n° \(nud) arrive à échéance dans 30 jours, le \(anniversary), "
                + "et nous n’avons pas encore reçu son renouvellement."
        case .sevenDays:
            subject = "Dernier rappel : votre demande de logement social arrive à échéance le \(anniversary)"
            opening =
                "Votre demande de logement social n° \(nud) arrive à échéance dans 7 jours, le \(anniversary). "
                + "C’est le dernier rappel que nous vous envoyons."
        }
        let body = """
            Madame, Monsieur,

            \(opening)

            Pour la garder active et conserver son ancienneté, renouvelez-la depuis votre espace personnel \
            (rubrique « Ma demande ») ou auprès d’un guichet enregistreur. Le renouvellement vous demande \
            seulement ce qui a changé : composition du foyer, revenus de la nouvelle année, souhaits de logement.

            Sans renouvellement, votre demande sera radiée le \(radiation) et son ancienneté sera perdue.

            \(signature)
            """
        let sms =
            "Logis : votre demande de logement social est à renouveler avant le \(anniversary), depuis votre "
            + "espace personnel ou à un guichet. Sans renouvellement, elle sera radiée le \(radiation)."
        return MessageText(
            template: "renewal-reminder-\(reminder.rawValue)", subject: subject, body: body, sms: sms)
    }

    /// Seed 003: « la demande sera définitivement radiée 1 mois après la date anniversaire ».
    static func strikingOffNotice(nud: String, schedule: RenewalSchedule, on day: CalendarDate) -> MessageText {
        let body = """
            Madame, Monsieur,

            Votre demande de logement social n° \(nud) n’a pas été renouvelée après sa date anniversaire \
            du \(long(schedule.anniversary)). Elle est radiée depuis le \(long(day)) pour non-renouvellement \
            (article R441-2-8 du code de la construction et de l’habitation), et son ancienneté est perdue.

            Pour demander un logement social, vous pouvez déposer une nouvelle demande en ligne ou auprès \
            d’un guichet enregistreur. Si cette radiation vous semble une erreur, contactez votre guichet \
            dans les 30 jours : elle peut être annulée.

            \(signature)
            """
        let sms =
            "Logis : votre demande de logement social n’a pas été renouvelée ; elle est radiée depuis le "
            + "\(long(day)). Si c’est une erreur, contactez votre guichet dans les 30 jours."
        return MessageText(
            template: "striking-off-notice", subject: "Votre demande de logement social a été radiée", body: body,
            sms: sms)
    }

    static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]

    /// « 1er mars 2026 », « 15 mars 2026 ».
    static func long(_ date: CalendarDate) -> String {
        "\(date.day == 1 ? "1er" : String(date.day)) \(months[date.month - 1]) \(date.year)"
    }
}
