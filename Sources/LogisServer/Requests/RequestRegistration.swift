import Fluent
import LogisCore
import SQLKit
import Vapor

/// Turns a complete draft into a registered request: NUD, first filing date, wishes as rows and
/// the first line of the timeline, all in one transaction.
enum RequestRegistration {
    /// DOMAIN.md §3: `GDPUB` closes the NUD of requests filed on the public online portal.
    static let onlineDeskCode = "GDPUB"

    static let incomplete = LogisError(
        .unprocessableEntity, code: .requestIncomplete,
        message: "Votre demande n’est pas complète : terminez toutes les étapes avant de la déposer.")
    /// A form saved before a coherence rule existed (or entered at a desk page by page) may still
    /// hold answers that contradict each other: none is registered so.
    static func contradictory(_ form: RequestForm) -> LogisError? {
        let problems = RequestCoherence.problems(in: form)
        guard !problems.isEmpty else { return nil }
        var fields: [String: String] = [:]
        for problem in problems { fields["\(problem.step.rawValue).\(problem.field)"] = problem.message }
        return LogisError(
            .unprocessableEntity, code: .requestContradictory,
            message: "Certaines réponses de la demande se contredisent : corrigez-les avant de la déposer.",
            fields: fields)
    }

    static let notADraft = LogisError(
        .conflict, code: .requestAlreadyRegistered, message: "Cette demande est déjà enregistrée.")

    /// The applicant submits their own draft online (page and API): NUD with the portal's code,
    /// score, audit line — once each adult's identity piece is uploaded (DOMAIN.md §5).
    /// One transaction: a registered request always has its score and its audit line.
    static func submitOnline(_ request: HousingRequest, by account: Account, on req: Request) async throws {
        _ = try request.checked(.register, by: account.role.requestActor)
        guard WizardStep.firstMissing(in: request.form) == nil else { throw incomplete }
        // The answers are corrected before the pieces are asked: the checklist depends on them.
        if let error = contradictory(request.form) { throw error }
        try await RegistrationPieces.requireForOnlineSubmission(request, on: req)
        try await register(request, deskCode: onlineDeskCode, by: account, on: req.db, today: req.today, now: req.now) {
            db in
            try await RequestCotation.refresh(request, on: db, app: req.application)
            try await req.audit(.requestChanged, target: .request(try request.requireID()), reason: .submitted, in: db)
        }
    }

    static func register(
        _ request: HousingRequest, deskCode: String, by actor: Account, on db: any Database,
        today: CalendarDate, now: Date, notify: Bool = true,
        alsoInTransaction: (@Sendable (any Database) async throws -> Void)? = nil
    ) async throws {
        _ = try request.checked(.register, by: actor.role.requestActor)
        guard WizardStep.firstMissing(in: request.form) == nil, let wishes = request.form.wishes else {
            throw incomplete
        }
        if let error = contradictory(request.form) { throw error }
        let communes = try await Commune.query(on: db).filter(\.$inseeCode ~~ wishes.communeCodes).with(\.$territory)
            .all()
        guard let first = communes.first(where: { $0.inseeCode == wishes.communeCodes.first }) else { throw incomplete }
        let requestID = try request.requireID()
        // Every read happens before the transaction and its first statement is a write: SQLite then
        // takes the write lock at once instead of failing to upgrade a read lock under contention.
        try await db.transaction { db in
            // Claim the draft first: of two simultaneous submissions of the same draft (a double click,
            // two agents), only one finds it still a draft; the other stops before taking a number.
            guard let sql = db as? any SQLDatabase,
                try await sql.raw(
                    "UPDATE housing_requests SET status = 'enregistree' WHERE id = \(bind: requestID) AND status = 'brouillon' RETURNING id"
                ).first() != nil
            else { throw notADraft }
            let sequence = try await NUDCounter.next(
                departement: first.territory.departement, month: today.month, year: today.year, on: db)
            let nud = try NUD.generate(
                departement: first.territory.departement, registeredOn: today, sequence: sequence, deskCode: deskCode)
            request.nud = nud.value
            try request.apply(.register, by: actor.role.requestActor)
            request.$territory.id = first.$territory.id
            request.firstFiledOn = request.firstFiledOn ?? today.iso
            request.registeredAt = now
            request.deskCode = nud.deskCode
            request.registeredBy = actor.id
            // Online, the attestation is in the espace personnel the moment the request is registered.
            if nud.deskCode == onlineDeskCode { request.attestationSentAt = now }
            request.syncSearchColumns()
            try await request.save(on: db)
            try await replaceWishes(of: requestID, with: wishes.communeCodes, communes: communes, on: db)
            try await RequestEvent(
                requestID: requestID, kind: .registered,
                label: "Demande enregistrée sous le numéro unique \(nud.value).", actor: actor
            ).create(on: db)
            // The demo's history (requests filed months ago) is not announced today.
            if notify {
                try await RequestMessages.enqueue(
                    MessageTexts.nudIssued(
                        nud: nud.value, anniversary: RequestLifecycle.schedule(of: request)?.anniversary),
                    about: requestID, key: "nud-issued:\(requestID)", now: now, on: db)
            }
            try await alsoInTransaction?(db)
        }
    }

    /// Keeps the wish rows in step with the form (DOMAIN.md §8: the ranking reads the rows).
    static func replaceWishes(
        of requestID: UUID, with codes: [String], communes: [Commune], on db: any Database
    ) async throws {
        try await RequestWish.query(on: db).filter(\.$request.$id == requestID).delete()
        for (rank, code) in codes.enumerated() {
            guard let commune = communes.first(where: { $0.inseeCode == code }) else { continue }
            try await RequestWish(requestID: requestID, communeID: try commune.requireID(), rank: rank + 1).create(
                on: db)
        }
    }
}
