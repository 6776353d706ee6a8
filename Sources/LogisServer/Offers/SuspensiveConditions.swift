import Fluent
import LogisCore
import SQLKit
import Vapor

/// The suspensive condition of a conditional attribution (DOMAIN.md §9, CCH R441-3): the
/// bailleur records the piece received (by the deadline included); the day after the deadline
/// without it, the daily job makes the attribution lapse — the open offer is withdrawn, the
/// applicant told, the next rank gets the dwelling. The lease cannot be signed while the piece
/// is missing.
enum SuspensiveConditions {
    static let code = CaleolDecisionKind.conditionalAttribution.code

    /// A conditional decision as stored, with its two dates (M0032).
    struct Row: Decodable, Sendable {
        let id: UUID
        let vacancyID: UUID
        let requestID: UUID
        let nud: String
        let missingPiece: String?
        let deadline: String?
        let metOn: String?
        let lapsedOn: String?

        enum CodingKeys: String, CodingKey {
            case id
            case vacancyID = "vacancy_id"
            case requestID = "request_id"
            case nud
            case missingPiece = "missing_piece"
            case deadline
            case metOn = "condition_met_on"
            case lapsedOn = "condition_lapsed_on"
        }

        var condition: SuspensiveCondition? {
            guard let missingPiece, let deadline = deadline.flatMap({ try? CalendarDate(iso: $0) }) else { return nil }
            return SuspensiveCondition(missingPiece: missingPiece, deadline: deadline)
        }

        var providedOn: CalendarDate? { metOn.flatMap { try? CalendarDate(iso: $0) } }
    }

    private static let columns =
        "id, vacancy_id, request_id, nud, missing_piece, deadline, condition_met_on, condition_lapsed_on"

    /// The conditional decisions of some vacancies.
    static func rows(of vacancies: [UUID], on db: any Database) async throws -> [Row] {
        guard let sql = db as? any SQLDatabase, !vacancies.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT \(unsafeRaw: columns) FROM caleol_decisions WHERE code = \(bind: code) \
            AND vacancy_id IN (\(SQLList(vacancies.map { SQLBind($0) })))
            """
        ).all(decoding: Row.self)
    }

    static func row(id: UUID, on db: any Database) async throws -> Row? {
        guard let sql = db as? any SQLDatabase else { return nil }
        return try await sql.raw("SELECT \(unsafeRaw: columns) FROM caleol_decisions WHERE id = \(bind: id)")
            .first(decoding: Row.self)
    }

    static func row(of offer: OfferRecord, on db: any Database) async throws -> Row? {
        try await rows(of: [offer.vacancyID], on: db).first { $0.requestID == offer.requestID }
    }

    static let notConditional = LogisError(
        .conflict, code: .conditionNotPending,
        message: "Cette attribution n’attend aucune pièce, ou la pièce a déjà été reçue, ou le délai est passé.")

    static let pieceMissing = LogisError(
        .conflict, code: .conditionNotMet,
        message:
            "La commission a attribué ce logement sous condition : enregistrez d’abord la réception de la pièce "
            + "demandée, dans le délai fixé.")

    /// The bailleur received the piece: recorded today, if today is not after the deadline.
    static func recordPiece(offer: OfferRecord, on req: Request) async throws {
        guard let row = try await row(of: offer, on: req.db), let condition = row.condition,
            condition.state(providedOn: nil, on: req.today) == .pending, row.metOn == nil, row.lapsedOn == nil
        else { throw notConditional }
        let (today, actor) = (req.today, try req.requireAccount())
        try await req.db.transaction { db in
            let claimed = try await ConditionalWrite.update(
                """
                UPDATE caleol_decisions SET condition_met_on = \(bind: today.iso) WHERE id = \(bind: row.id) \
                AND condition_met_on IS NULL AND condition_lapsed_on IS NULL
                """, on: db)
            guard claimed else { throw notConditional }
            try await RequestEvent(
                requestID: row.requestID, kind: .caleolDecision,
                label: "Pièce demandée par la commission reçue : « \(condition.missingPiece) ». L’attribution est "
                    + "confirmée.", actor: actor
            ).create(on: db)
            try await req.audit(
                .requestChanged, target: .request(row.requestID), reason: .conditionMet, in: db)
        }
    }

    /// The lease waits for the piece of a conditional attribution.
    static func checkLease(offer: OfferRecord, on db: any Database) async throws {
        guard let row = try await row(of: offer, on: db), row.metOn == nil else { return }
        throw pieceMissing
    }

    /// The daily job's lapse of one decision, in the job's transaction: false if it was already
    /// handled or the piece came in time.
    static func lapse(
        _ id: UUID, today: CalendarDate, now: Date, app: Application, on db: any Database
    ) async throws -> Bool {
        guard let row = try await row(id: id, on: db), let condition = row.condition,
            condition.state(providedOn: row.providedOn, on: today) == .lapsed
        else { return false }
        let claimed = try await ConditionalWrite.update(
            """
            UPDATE caleol_decisions SET condition_lapsed_on = \(bind: today.iso) WHERE id = \(bind: id) \
            AND condition_met_on IS NULL AND condition_lapsed_on IS NULL
            """, on: db)
        guard claimed else { return false }
        let label =
            "La pièce demandée par la commission (« \(condition.missingPiece) ») n’a pas été reçue au "
            + "\(RequestSummary.display(condition.deadline.iso)) : l’attribution est caduque. Votre demande reste active."
        let offers = try await OfferRecord.query(on: db).filter(\.$vacancyID == row.vacancyID)
            .filter(\.$requestID == row.requestID).filter(\.$leaseSignedOn == nil).all()
        for record in offers {
            var offer = try OfferActions.core(record)
            guard offer.state == .proposed || offer.state == .accepted else { continue }
            try offer.withdraw(on: today)
            record.state = offer.state.code
            record.closedOn = offer.closedOn?.iso
            try await record.save(on: db)
        }
        if let request = try await HousingRequest.find(row.requestID, on: db), request.status == .attribuee {
            // Not a refusal: the request goes back to the pool without a penalty.
            try request.apply(.decline, by: .system)
            try await request.save(on: db)
        }
        try await RequestEvent(requestID: row.requestID, kind: .caleolDecision, label: label, actor: nil).create(on: db)
        try await AuditEntry(
            actor: nil, action: .requestChanged, target: .request(row.requestID), outcome: .success,
            reason: .conditionLapsedByJob, requestID: nil
        ).save(on: db)
        try await RequestMessages.enqueue(
            MessageTexts.conditionLapsed(label), about: row.requestID, key: "condition-lapsed:\(id.uuidString)",
            now: now, on: db)
        if let vacancy = try await Vacancy.queryWithDwelling(on: db).filter(\.$id == row.vacancyID).first(),
            vacancy.status != .leased
        {
            try await OfferActions.offerNext(for: vacancy, today: today, now: now, actor: nil, on: db)
        }
        return true
    }
}

extension MessageTexts {
    static func conditionLapsed(_ sentence: String) -> MessageText {
        let body = """
            Madame, Monsieur,

            \(sentence)

            Le logement est proposé au candidat suivant. Vous restez candidat pour les prochains logements \
            correspondant à votre demande.

            \(signature)
            """
        return MessageText(
            template: "condition-lapsed", subject: "Attribution sous condition : pièce non reçue dans le délai",
            body: body)
    }
}
