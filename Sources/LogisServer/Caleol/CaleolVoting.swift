import Fluent
import LogisCore
import Vapor

/// Votes and decisions (DOMAIN.md §9): each member votes online for each candidate, or the
/// secretary records a member's vote; the secretary then closes a dwelling, and every
/// candidate's decision is the one `CaleolVote.tally` adopts (majority, casting vote, quorum).
enum CaleolVoting {
    static let alreadyDecided = LogisError(
        .conflict, code: .alreadyDecided, message: "La commission a déjà statué sur ce logement.")
    static let sessionNotStarted = LogisError(
        .conflict, code: .sessionNotStarted,
        message: "La séance n’a pas encore eu lieu : les votes et les décisions s’enregistrent à partir de sa date.")

    /// Votes and decisions are taken at the session, not before (remote voting included).
    static func requireStarted(_ session: CaleolSession, today: CalendarDate) throws {
        guard let heldOn = try? CalendarDate(iso: session.heldOn), heldOn <= today else { throw sessionNotStarted }
    }

    static let notOnAgenda = LogisError(
        .notFound, code: .notOnAgenda,
        message: "Ce logement ou ce candidat n’est pas à l’ordre du jour de la séance.")

    static func error(_ error: CaleolError, status: HTTPResponseStatus = .unprocessableEntity) -> LogisError {
        LogisError(status, coreCode: error.code, message: error.message)
    }

    struct Choice: Content {
        /// A `CaleolDecisionKind` code, or `abstention`.
        let code: String
        let rank: Int?
        let motif: String?
        let missingPiece: String?
        let deadline: String?
    }

    /// The kept candidates of a vacancy on the session's agenda.
    static func candidates(
        of vacancy: Vacancy, in session: CaleolSession, on db: any Database
    ) async throws
        -> [VacancyCandidate]
    {
        guard vacancy.sessionID == session.id else { throw notOnAgenda }
        return try await VacancyCandidate.query(on: db).filter(\.$vacancy.$id == (try vacancy.requireID()))
            .sort(\.$position).all()
    }

    static func decision(from choice: Choice, sessionOn: CalendarDate) throws -> CaleolChoice {
        if choice.code == "abstention" { return .abstention }
        let deadline = try choice.deadline.flatMap { text -> CalendarDate? in
            guard !text.isEmpty else { return nil }
            guard let date = try? CalendarDate(iso: text) else {
                throw LogisError.validation("Date limite au format AAAA-MM-JJ.", code: .invalidDeadline)
            }
            return date
        }
        do {
            return .decision(
                try CaleolDecision(
                    code: choice.code, rank: choice.rank, motif: choice.motif, missingPiece: choice.missingPiece,
                    deadline: deadline, sessionOn: sessionOn))
        } catch let failure { throw error(failure) }
    }

    /// Records (or replaces) a member's vote on one candidate.
    static func vote(
        _ choice: Choice, nud: String, vacancyID: UUID?, seat requested: UUID?, access: CaleolScope.Access,
        on req: Request
    ) async throws {
        let seatID: UUID
        switch access.capacity {
        case .member(let own): seatID = own
        case .secretary:
            guard let requested else {
                throw LogisError.validation(
                    "Indiquez le membre dont vous enregistrez le vote.", code: .memberRequired)
            }
            seatID = requested
        }
        try requireStarted(access.session, today: req.today)
        let members = try await CaleolSessions.members(of: access.session, on: req.db)
        guard let member = members.first(where: { $0.0.id == seatID })?.1 else {
            throw LogisError(
                .notFound, code: .memberNotFound, message: "Ce membre ne siège pas dans cette commission.")
        }
        guard member.takesPart else { throw error(.ballotFromAbsentMember(member.id)) }
        guard let vacancyID, let vacancy = try await Vacancy.find(vacancyID, on: req.db) else { throw notOnAgenda }
        guard vacancy.status == .atCommission else { throw alreadyDecided }
        let kept = try await candidates(of: vacancy, in: access.session, on: req.db)
        let wanted = nud.uppercased().filter { !$0.isWhitespace }
        guard let candidate = kept.first(where: { $0.nud == wanted }) else { throw notOnAgenda }
        let sessionOn = try CalendarDate(iso: access.session.heldOn)
        _ = try decision(from: choice, sessionOn: sessionOn)
        try await req.db.transaction { db in
            try await CaleolBallotRecord.query(on: db).filter(\.$vacancyID == vacancyID)
                .filter(\.$requestID == candidate.requestID).filter(\.$memberID == seatID).delete()
            let ballot = CaleolBallotRecord()
            ballot.$session.id = try access.session.requireID()
            ballot.vacancyID = vacancyID
            ballot.requestID = candidate.requestID
            ballot.memberID = seatID
            ballot.choice = choice.code
            ballot.rank = choice.rank
            ballot.motif = try choice.motif.map { try TextInput.validated($0) }
            ballot.missingPiece = try choice.missingPiece.map { try TextInput.validated($0) }
            ballot.deadline = choice.deadline
            ballot.recordedBy = try req.requireAccount().requireID()
            ballot.recordedAt = req.now
            try await ballot.create(on: db)
            try await req.audit(
                .requestChanged, target: .request(candidate.requestID), reason: .caleolVote, in: db)
        }
    }
}
