import Fluent
import SQLKit
import Vapor

/// The administrator's view of the daily jobs and of the outbox (issue 12 §5): the last runs with
/// their counts, the messages by channel and status, the failed ones with a « réessayer » button.
/// No recipient and no message text is shown: the codes say why a message failed. Every view and
/// every retry is audited.
struct JobsAdminController: RouteCollection {
    static let administrators = AccessPolicy.only(.admin)

    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped("admin", "taches")
        pages.get(use: show).access(Self.administrators)
        pages.post("messages", ":message", "reessayer", use: retry).access(Self.administrators)
    }

    struct RunRow: Encodable {
        let job: String
        let day: String
        let status: String
        let started: String
        let ended: String?
        let processed: Int
        let sent: Int
        let errors: Int
        let claims: Int
        let error: String?
    }

    struct CountRow: Encodable, Decodable {
        let channel: String
        let status: String
        let count: Int
    }

    struct FailedRow: Encodable {
        let id: UUID
        let channel: String
        let template: String
        let attempts: Int
        let lastError: String?
        let created: String
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let notice: String?
        let runs: [RunRow]
        let counts: [CountRow]
        let failed: [FailedRow]
    }

    func show(req: Request) async throws -> View {
        let runs = try await JobRun.query(on: req.db).sort(\.$day, .descending).sort(\.$job).limit(30).all()
        guard let sql = req.db as? any SQLDatabase else { throw LogisError.databaseUnavailable }
        let counts = try await sql.raw(
            """
            SELECT channel, status, COUNT(*) AS count FROM outbox_messages \
            GROUP BY channel, status ORDER BY channel, status
            """
        ).all(decoding: CountRow.self)
        let failed = try await OutboxMessage.query(on: req.db).filter(\.$status == .failed)
            .sort(\.$createdAt, .descending).limit(50).all()
        try await req.audit(.jobsViewed)
        let notice =
            req.query[String.self, at: "message"] == "reessaye" ? "Le message est remis dans la file d’envoi." : nil
        return try await req.view.render(
            "admin/jobs",
            Page(
                layout: req.layoutContext(title: "Tâches quotidiennes et messages"), notice: notice,
                runs: runs.map {
                    RunRow(
                        job: $0.job, day: $0.day, status: $0.status.rawValue,
                        started: PersonalSpaceController.french($0.startedAt),
                        ended: $0.endedAt.map(PersonalSpaceController.french), processed: $0.processed, sent: $0.sent,
                        errors: $0.errors, claims: $0.claims, error: $0.error)
                },
                counts: counts,
                failed: try failed.map {
                    FailedRow(
                        id: try $0.requireID(), channel: $0.channel.rawValue, template: $0.template,
                        attempts: $0.attempts, lastError: $0.lastError,
                        created: PersonalSpaceController.french($0.createdAt))
                }))
    }

    /// A failed message goes back to the queue, sent at the sender's next round; its attempts are
    /// kept (the backoff starts again from the last one).
    func retry(req: Request) async throws -> Response {
        guard let id = req.parameters.get("message", as: UUID.self) else { throw LogisError.notFound }
        let requeued = try await ConditionalWrite.update(
            """
            UPDATE outbox_messages SET status = \(bind: OutboxMessage.Status.pending.rawValue), \
            next_attempt_at = \(bind: req.now), claimed_by = NULL, lease_until = NULL \
            WHERE id = \(bind: id) AND status = \(bind: OutboxMessage.Status.failed.rawValue)
            """, on: req.db)
        guard requeued else {
            throw LogisError(
                .conflict, code: .messageNotFailed,
                message: "Ce message n’est pas en échec : il n’y a rien à réessayer.")
        }
        try await req.audit(.messageRetried, target: .init(type: "outbox_message", id: id.uuidString))
        return req.redirect(to: "/admin/taches?message=reessaye")
    }
}
