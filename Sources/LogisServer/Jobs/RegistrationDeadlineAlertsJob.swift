import Fluent
import Foundation
import LogisCore
import SQLKit

/// `registration-deadline-alerts`: each morning, the registering agents of a territory are told
/// how many files reach the one-month deadline of the attestation (CCH R441-2-4) within the
/// week, and how many are past it. Counts and a link only: the names are on the queue's page,
/// behind sign-in, never in a mailbox.
struct RegistrationDeadlineAlertsJob: PagedDailyJob {
    var name: String { "registration-deadline-alerts" }

    /// Files due within this many days are announced; the week leaves time to act.
    static let horizonDays = 7

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        try await Territory.ids(after: cursor, limit: limit, on: context.app.db)
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let horizon = context.day.adding(days: Self.horizonDays)
        // `attestation_due_on` is set only while the attestation is due (`syncSearchColumns`).
        let counts = try await sql.raw(
            """
            SELECT COUNT(*) AS "due", \
            SUM(CASE WHEN attestation_due_on < \(bind: context.day.iso) THEN 1 ELSE 0 END) AS "late" \
            FROM housing_requests WHERE territory_id = \(bind: item) AND attestation_due_on IS NOT NULL \
            AND attestation_due_on <= \(bind: horizon.iso)
            """
        ).first(decoding: DeadlineCounts.self)
        guard let counts, counts.due > 0 else { return 0 }
        let agents = try await Account.query(on: db).filter(\.$territory.$id == item)
            .filter(\.$role ~~ Role.allCases.filter { GuichetFileController.Policies.attestationSent.allows($0) })
            .filter(\.$emailConfirmedAt != nil).sort(\.$id).all()
        let link = AccountLinks.url("/guichet/file/\(WorkQueue.attestationsDue.rawValue)", on: context.app)
        let text = MessageTexts.registrationDeadline(
            due: counts.due, late: counts.late ?? 0, horizon: horizon, link: link)
        var sent = 0
        for agent in agents {
            let key = "registration-deadline:\(item.uuidString):\(context.day.iso):\(try agent.requireID().uuidString)"
            if try await AccountLinks.enqueue(text, to: agent, key: key, now: context.now, on: db) { sent += 1 }
        }
        return sent
    }

    private struct DeadlineCounts: Decodable {
        let due: Int
        let late: Int?
    }
}

extension MessageTexts {
    static func registrationDeadline(due: Int, late: Int, horizon: CalendarDate, link: String) -> MessageText {
        let files = due == 1 ? "1 dossier" : "\(due) dossiers"
        let lateLine =
            late == 0
            ? ""
            : (late == 1
                ? "Dont 1 dont le délai est déjà dépassé.\n\n" : "Dont \(late) dont le délai est déjà dépassé.\n\n")
        let body = """
            Bonjour,

            \(files) de votre territoire \(due == 1 ? "doit" : "doivent") recevoir l’attestation \
            d’enregistrement d’ici le \(long(horizon)) : la loi donne un mois à compter du dépôt du dossier \
            complet (article R441-2-4 du code de la construction et de l’habitation).

            \(lateLine)La liste est dans Logis, file « Attestations à envoyer » :
            \(link)

            \(signature)
            """
        return MessageText(
            template: "registration-deadline",
            subject: "Délai d’enregistrement : \(files) à traiter d’ici le "
                + "\(long(horizon))", body: body)
    }
}
