import Fluent
import LogisCore
import SQLKit
import Vapor

/// Answering an offer (the applicant from the espace personnel, or the bailleur's agent for
/// them), recording silence past the deadline, and signing the lease.
enum OfferAnswers {
    /// The offer with its vacancy (dwelling, résidence, commune) if the account may act on it.
    static func open(_ id: UUID?, for account: Account, on db: any Database) async throws -> (OfferRecord, Vacancy) {
        guard let id, let offer = try await OfferRecord.find(id, on: db),
            let vacancy = try await Vacancy.queryWithDwelling(on: db).filter(\.$id == offer.vacancyID).first()
        else { throw OfferActions.offerNotFound }
        switch account.role {
        case .demandeur:
            let request = try await HousingRequest.find(offer.requestID, on: db)
            guard let request, request.$account.id == account.id else { throw OfferActions.offerNotFound }
        case .bailleur:
            guard account.$organisation.id == vacancy.$organisation.id else { throw OfferActions.offerNotFound }
        default:
            throw OfferActions.offerNotFound
        }
        return (offer, vacancy)
    }

    static func answer(
        accept: Bool, motif: String?, details: String?, offer record: OfferRecord, vacancy: Vacancy, on req: Request
    ) async throws {
        var offer = try OfferActions.core(record)
        let today = req.today
        do {
            if accept {
                try offer.accept(on: today)
            } else {
                try offer.refuse(try OfferRefusal(code: motif ?? "", details: details), on: today)
            }
        } catch let failure { throw OfferActions.error(failure) }
        try await close(record, as: offer, vacancy: vacancy, on: req)
    }

    /// Silence past the deadline counts as a refusal (CCH R441-10): the daily `offer-expiry` job
    /// records it by itself (`lapseUnanswered`); the bailleur's agent may still record it first.
    static func lapse(offer record: OfferRecord, vacancy: Vacancy, on req: Request) async throws {
        var offer = try OfferActions.core(record)
        do { try offer.lapse(on: req.today) } catch let failure { throw OfferActions.error(failure) }
        try await close(record, as: offer, vacancy: vacancy, on: req)
    }

    /// The `offer-expiry` job's lapse, in the job's transaction `db`, with no actor; the next
    /// rank gets the dwelling as after a refusal.
    static func lapseUnanswered(
        offer record: OfferRecord, today: CalendarDate, now: Date, app: Application, on db: any Database
    ) async throws {
        var offer = try OfferActions.core(record)
        do { try offer.lapse(on: today) } catch let failure { throw OfferActions.error(failure) }
        guard let vacancy = try await Vacancy.queryWithDwelling(on: db).filter(\.$id == record.vacancyID).first()
        else { throw OfferActions.offerNotFound }
        try await recordAnswer(record, as: offer, vacancy: vacancy, by: nil, app: app, today: today, now: now, on: db)
        try await AuditEntry(
            actor: nil, action: .requestChanged, target: .request(record.requestID), outcome: .success,
            reason: .offerLapsedByJob, requestID: nil
        ).save(on: db)
    }

    private static func close(_ record: OfferRecord, as offer: Offer, vacancy: Vacancy, on req: Request) async throws {
        let actor = try req.requireAccount()
        let (app, today, now) = (req.application, req.today, req.now)
        try await req.db.transaction { db in
            try await recordAnswer(
                record, as: offer, vacancy: vacancy, by: actor, app: app, today: today, now: now, on: db)
            try await req.audit(
                .requestChanged, target: .request(record.requestID), reason: .offer(offer.state), in: db)
        }
    }

    /// The answer (or the silence) recorded in `db`: the offer closed, the request back to the
    /// pool after a refusal, the dwelling offered to the next rank.
    private static func recordAnswer(
        _ record: OfferRecord, as offer: Offer, vacancy: Vacancy, by actor: Account?, app: Application,
        today: CalendarDate, now: Date, on db: any Database
    ) async throws {
        // Of an acceptance and a refusal sent at once, only the first is recorded.
        let claimed = try await ConditionalWrite.update(
            "UPDATE offers SET state = \(bind: offer.state.code) WHERE id = \(bind: try record.requireID()) AND state = \(bind: OfferState.proposed.code)",
            on: db)
        guard claimed else { throw alreadyAnswered }
        record.state = offer.state.code
        record.closedOn = offer.closedOn?.iso
        record.acceptedOn = offer.acceptedOn?.iso
        record.refusalCode = offer.refusal?.motif.code
        record.refusalDetails = offer.refusal?.details
        try await record.save(on: db)
        guard let request = try await HousingRequest.find(record.requestID, on: db) else { return }
        let label: String
        switch offer.state {
        case .accepted:
            label = "Vous avez accepté le logement proposé : le bailleur vous contacte pour signer le bail."
        case .lapsed:
            label = "Sans réponse dans le délai, la proposition de logement est considérée comme refusée."
        default:
            label =
                "Vous avez refusé le logement proposé (\(offer.refusal?.label ?? "")). Votre demande reste active."
        }
        if offer.state != .accepted {
            // A refusal counts in the cotation where the grid says so (CotationFacts.refusals).
            request.offerRefusals = (request.offerRefusals ?? 0) + 1
            // Silence recorded by the platform's job has no account: the platform declines.
            try request.apply(.decline, by: actor?.role.requestActor ?? .system)
            try await request.save(on: db)
            try await RequestCotation.refresh(request, on: db, app: app)
        }
        try await RequestEvent(requestID: record.requestID, kind: .offer, label: label, actor: actor).create(on: db)
        // The applicant answered themselves, except for a silence: tell them what it meant.
        if offer.state == .lapsed {
            try await RequestMessages.enqueue(
                MessageTexts.offerLapsed(label), about: record.requestID, key: "offer-lapsed:\(try record.requireID())",
                now: now, on: db)
        }
        if offer.state != .accepted {
            try await OfferActions.offerNext(for: vacancy, today: today, now: now, actor: actor, on: db)
        }
    }

    static let alreadyAnswered = LogisError(
        .conflict, code: .offerAlreadyAnswered,
        message: "Cette proposition a déjà reçu une réponse ou son bail est déjà signé.")

    static let invalidLeaseDate = LogisError(
        .unprocessableEntity, code: .invalidLeaseDate,
        message: "Indiquez la date de signature du bail au format AAAA-MM-JJ.")

    /// The lease is signed: the request is satisfied, the dwelling occupied, the vacancy closed,
    /// and the other candidates of the dwelling go back to the pool.
    static func signLease(on text: String, offer record: OfferRecord, vacancy: Vacancy, on req: Request) async throws {
        guard let signedOn = try? CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)), signedOn <= req.today
        else { throw invalidLeaseDate }
        let offer = try OfferActions.core(record)
        do { try offer.checkLeaseSignature(on: signedOn) } catch let failure { throw OfferActions.error(failure) }
        try await SuspensiveConditions.checkLease(offer: record, on: req.db)
        let actor = try req.requireAccount()
        try await req.db.transaction { db in
            let claimed = try await ConditionalWrite.update(
                "UPDATE offers SET lease_signed_on = \(bind: signedOn.iso) WHERE id = \(bind: try record.requireID()) AND lease_signed_on IS NULL",
                on: db)
            guard claimed else { throw alreadyAnswered }
            record.leaseSignedOn = signedOn.iso
            try await record.save(on: db)
            if let request = try await HousingRequest.find(record.requestID, on: db) {
                try request.apply(.lease, by: actor.role.requestActor)
                request.radiationMotif = RadiationMotif.attribution.rawValue
                request.radiatedAt = req.now
                // The wait columns read the satisfaction's date, set only now.
                request.syncSearchColumns()
                try await request.save(on: db)
                try await RequestEvent(
                    requestID: record.requestID, kind: .offer,
                    label: "Bail signé le \(RequestSummary.display(signedOn.iso)) : votre demande est satisfaite.",
                    actor: actor
                ).create(on: db)
            }
            let others = try await CaleolDecisionRecord.query(on: db).filter(\.$vacancyID == record.vacancyID)
                .filter(\.$requestID != record.requestID).all()
            for other in others {
                guard let request = try await HousingRequest.find(other.requestID, on: db),
                    request.status == .attribuee || request.status == .enInstruction
                else { continue }
                // The platform ends their candidacy: the dwelling is leased to someone else.
                try request.apply(.release, by: .system)
                try await request.save(on: db)
                try await RequestEvent(
                    requestID: other.requestID, kind: .caleolDecision,
                    label: "Le logement a été attribué à un autre candidat. Votre demande reste active.", actor: actor
                ).create(on: db)
            }
            vacancy.status = .leased
            try await vacancy.save(on: db)
            vacancy.dwelling.occupancy = .occupied
            try await vacancy.dwelling.save(on: db)
            try await req.audit(.requestChanged, target: .request(record.requestID), reason: .leaseSigned, in: db)
        }
    }
}
