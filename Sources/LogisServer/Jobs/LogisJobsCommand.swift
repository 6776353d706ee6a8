import Foundation
import LogisCore
import Vapor

/// `logis jobs run [--job NAME] [--date YYYY-MM-DD]`: runs the daily jobs for a day (today by
/// default), then sends the outbox. For cron or a systemd timer; `logis serve` runs them too.
struct LogisJobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "Ce qu’il faut faire : run (lancer les tâches du jour).")
        var action: String

        @Option(name: "job", help: "Une seule tâche : renewal-reminders, striking-off ou offer-expiry.")
        var job: String?

        @Option(name: "date", help: "Le jour à traiter (AAAA-MM-JJ, défaut : aujourd’hui à Paris).")
        var date: String?

        init() {}
    }

    var help: String {
        "Lance les tâches quotidiennes (rappels de renouvellement, radiations, propositions expirées) puis envoie les messages."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "run" else {
            context.console.error("Action inconnue : \(signature.action). Choix : run.")
            throw LogisError.badRequest
        }
        let app = context.application
        let jobs = app.dailyJobs.filter { signature.job == nil || $0.name == signature.job }
        guard !jobs.isEmpty else {
            let names = app.dailyJobs.map(\.name).joined(separator: ", ")
            context.console.error("Tâche inconnue : \(signature.job ?? ""). Choix : \(names).")
            throw LogisError.badRequest
        }
        let day: CalendarDate
        do {
            day = try signature.date.map { try CalendarDate(iso: $0) } ?? app.clock.today
        } catch {
            context.console.error("Date invalide : \(signature.date ?? ""). Format attendu : AAAA-MM-JJ.")
            throw LogisError.badRequest
        }
        try await app.prepareDatabase()
        for job in jobs {
            var runner = JobRunner(app: app)
            let console = context.console
            runner.progress = { done in
                if done % 50 == 0 {
                    console.output("\r\(job.name) : \(done) éléments traités".consoleText(), newLine: false)
                }
            }
            let report = try await runner.run(job, day: day)
            context.console.print("\r" + Self.summary(report, day: day))
        }
        let sent = try await OutboxSender(app: app).drain()
        context.console.print(
            "Messages : \(sent.sent) envoyés, \(sent.retried) à réessayer, \(sent.failed) en échec.")
    }

    static func summary(_ report: JobRunner.Report, day: CalendarDate) -> String {
        switch report.outcome {
        case .alreadyDone: "\(report.job) (\(day.iso)) : déjà faite ce jour-là."
        case .runningElsewhere: "\(report.job) (\(day.iso)) : en cours sur une autre instance."
        case .done, .interrupted:
            "\(report.job) (\(day.iso)) : \(report.processed) éléments traités, \(report.sent) messages, "
                + "\(report.errors) erreurs."
        }
    }
}
