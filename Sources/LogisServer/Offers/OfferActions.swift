import Fluent
import LogisCore
import Vapor

/// The offer (DOMAIN.md §10): the first attributed candidate still in the running gets it with
/// at least 10 days to answer; a refusal, or silence past the deadline, passes it to the next
/// rank; when nobody is left the dwelling goes back to pre-selection; acceptance then the lease
/// satisfy the request, occupy the dwelling and send the other candidates back to the pool.
enum OfferActions {
    static let offerNotFound = LogisError(
        .notFound, code: .offerNotFound,
        message: "Cette proposition de logement n’existe pas ou ne vous concerne pas.")

    static func error(_ error: OfferError, status: HTTPResponseStatus = .conflict) -> LogisError {
        LogisError(status, coreCode: error.code, message: error.message)
    }

    /// The decisions of the vacancy as LogisCore reads them, and each candidate's outcome so far.
    static func sequence(
        of vacancy: Vacancy, today: CalendarDate, on db: any Database
    ) async throws
        -> (CaleolDecisionSet, [String: AttributaireOutcome])
    {
        let vacancyID = try vacancy.requireID()
        let records = try await CaleolDecisionRecord.query(on: db).filter(\.$vacancyID == vacancyID).with(\.$session)
            .all()
        var decisions: [CandidateDecision] = []
        var outcomes: [String: AttributaireOutcome] = [:]
        let offers = try await OfferRecord.query(on: db).filter(\.$vacancyID == vacancyID).all()
        let provided = try await SuspensiveConditions.rows(of: [vacancyID], on: db).reduce(
            into: [String: CalendarDate]()
        ) {
            if let day = $1.providedOn { $0[$1.nud] = day }
        }
        for record in records {
            let sessionOn = try CalendarDate(iso: record.session.heldOn)
            let decision = try CaleolDecision(
                code: record.code, rank: record.rank, motif: record.motif, missingPiece: record.missingPiece,
                deadline: try record.deadline.map { try CalendarDate(iso: $0) }, sessionOn: sessionOn)
            decisions.append(CandidateDecision(nud: record.nud, decision: decision))
            if let offer = offers.first(where: { $0.nud == record.nud }) {
                outcomes[record.nud] = .offer(try core(offer).state(on: today))
            } else if decision.condition?.state(providedOn: provided[record.nud], on: today) == .lapsed {
                outcomes[record.nud] = .conditionLapsed
            } else if decision.kind.isAttribution,
                let request = try await HousingRequest.find(record.requestID, on: db), request.status != .attribuee
            {
                // Struck off, abandoned or housed elsewhere before its turn: no offer for it.
                outcomes[record.nud] = .offer(.withdrawn)
            }
        }
        return (try CaleolDecisionSet(examined: decisions.map(\.nud), decisions: decisions), outcomes)
    }

    static func core(_ record: OfferRecord) throws -> Offer {
        guard let state = OfferState(code: record.state) else { throw LogisError.internalError }
        return try Offer(
            sentOn: try CalendarDate(iso: record.sentOn), state: state,
            closedOn: try record.closedOn.map { try CalendarDate(iso: $0) },
            acceptedOn: try record.acceptedOn.map { try CalendarDate(iso: $0) },
            refusal: try record.refusalCode.map { try OfferRefusal(code: $0, details: record.refusalDetails) })
    }

    /// Offers the dwelling to the next candidate, or sends it back to pre-selection.
    static func offerNext(
        for vacancy: Vacancy, today: CalendarDate, now: Date, actor: Account?, on db: any Database
    ) async throws {
        let (decisions, outcomes) = try await sequence(of: vacancy, today: today, on: db)
        switch try OfferSequence.next(decisions, outcomes: outcomes) {
        case .offer(let nud, let rank):
            guard
                let record = try await CaleolDecisionRecord.query(on: db).filter(
                    \.$vacancyID == (try vacancy.requireID())
                )
                .filter(\.$nud == nud).first()
            else { return }
            let offer = Offer(sentOn: today)
            let row = OfferRecord()
            row.vacancyID = try vacancy.requireID()
            row.requestID = record.requestID
            row.nud = nud
            row.rank = rank.rawValue
            row.sentOn = today.iso
            row.deadline = offer.answerDeadline.iso
            row.state = OfferState.proposed.code
            row.visitContact = try await visitContact(of: vacancy, on: db)
            try await row.create(on: db)
            let sentence =
                "Un logement vous est proposé : \(vacancy.dwelling.typology) à "
                + "\(vacancy.dwelling.residence.commune.name), \(vacancy.dwelling.rent + vacancy.dwelling.charges) € "
                + "par mois charges comprises. Répondez avant le \(RequestSummary.display(offer.answerDeadline.iso)) "
                + "inclus ; sans réponse, la proposition est considérée comme refusée."
            try await RequestEvent(requestID: record.requestID, kind: .offer, label: sentence, actor: actor).create(
                on: db)
            try await RequestMessages.enqueue(
                MessageTexts.offerMade(sentence), about: record.requestID, key: "offer:\(try row.requireID())",
                now: now, on: db)
        case .backToPreselection:
            // The round keeps its history (kept candidates, session, decisions, offers, minutes);
            // the dwelling, still vacant, starts a new pre-selection.
            vacancy.status = .noTaker
            try await vacancy.save(on: db)
            let next = Vacancy()
            next.$dwelling.id = vacancy.$dwelling.id
            next.$organisation.id = vacancy.$organisation.id
            next.$territory.id = vacancy.$territory.id
            next.communeCode = vacancy.communeCode
            next.availableOn = vacancy.availableOn
            next.status = .open
            // A daily job has no actor: the new round is the one who declared the vacancy's.
            next.declaredBy = actor?.id ?? vacancy.declaredBy
            next.declaredAt = now
            try await next.create(on: db)
        case .awaitAnswer, .attributed:
            return
        }
    }

    static func visitContact(of vacancy: Vacancy, on db: any Database) async throws -> String {
        let organisation = try await Organisation.find(vacancy.$organisation.id, on: db)
        return [organisation?.name, organisation?.phone].compactMap { $0 }.joined(separator: ", ")
    }
}
