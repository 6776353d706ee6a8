import Fluent
import LogisCore
import Vapor

/// A session as the secretariat and the members see it: seats, agenda (each dwelling with its
/// kept candidates, their reasons, the ballots cast and the decision), and the offers made.
/// Every candidate's file shown is audited.
struct CaleolSessionView: Content {
    struct Seat: Content {
        let id: UUID
        let name: String
        let role: String
        let roleLabel: String
        let votes: Bool
        let attendance: String
        let isMe: Bool
    }

    struct Ballot: Content {
        let memberId: UUID
        let memberName: String
        let choice: String
        let label: String
    }

    struct Decision: Content {
        let code: String
        let label: String
        let rank: Int?
        let motif: String?
        let missingPiece: String?
        let deadline: String?
        let votes: String
        let byCastingVote: Bool
    }

    struct Candidate: Content {
        let nud: String
        let position: Int
        let explanation: CandidateExplanation?
        let ballots: [Ballot]
        let decision: Decision?
    }

    struct Item: Content {
        let vacancy: VacancyAPIController.VacancyDTO
        let residence: String
        let candidates: [Candidate]
        let decided: Bool
        let offers: [OfferView]
    }

    let id: UUID
    let heldOn: String
    let mode: String
    let modeLabel: String
    let commission: String
    let castingVote: String
    let quorumReached: Bool
    let secretariat: Bool
    let seats: [Seat]
    let agenda: [Item]

    static func build(_ access: CaleolScope.Access, on req: Request) async throws -> CaleolSessionView {
        let session = access.session
        let members = try await CaleolSessions.members(of: session, on: req.db)
        let mySeat: UUID? = if case .member(let seat) = access.capacity { seat } else { nil }
        let seats = try members.map { seat, member in
            Seat(
                id: try seat.requireID(), name: seat.name, role: member.role.code, roleLabel: member.role.label,
                votes: member.role.votes, attendance: member.attendance.rawValue, isMe: seat.id == mySeat)
        }
        let sessionOn = try CalendarDate(iso: session.heldOn)
        var agenda: [Item] = []
        for vacancy in try await CaleolSessions.agenda(of: session, on: req.db) {
            let vacancyID = try vacancy.requireID()
            let ballots = try await CaleolBallotRecord.query(on: req.db).filter(\.$vacancyID == vacancyID).all()
            let decisions = try await CaleolDecisionRecord.query(on: req.db).filter(\.$vacancyID == vacancyID).all()
            var candidates: [Candidate] = []
            for kept in try await VacancyList.kept(vacancy, on: req) {
                guard
                    let row = try await VacancyCandidate.query(on: req.db).filter(\.$vacancy.$id == vacancyID)
                        .filter(\.$nud == kept.nud).first()
                else { continue }
                let cast = ballots.filter { $0.requestID == row.requestID }.map { ballot in
                    Ballot(
                        memberId: ballot.memberID,
                        memberName: seats.first { $0.id == ballot.memberID }?.name ?? "",
                        choice: ballot.choice, label: label(of: ballot, sessionOn: sessionOn))
                }
                let decision = decisions.first { $0.requestID == row.requestID }.map { record in
                    Decision(
                        code: record.code, label: CaleolSessionView.label(of: record, sessionOn: sessionOn),
                        rank: record.rank, motif: record.motif, missingPiece: record.missingPiece,
                        deadline: record.deadline, votes: record.votes, byCastingVote: record.byCastingVote)
                }
                candidates.append(
                    Candidate(
                        nud: kept.nud, position: kept.position, explanation: kept.explanation, ballots: cast,
                        decision: decision))
            }
            agenda.append(
                Item(
                    vacancy: try VacancyAPIController.VacancyDTO(vacancy), residence: vacancy.dwelling.residence.name,
                    candidates: candidates, decided: !decisions.isEmpty,
                    offers: try await OfferView.all(of: vacancy, today: req.today, on: req.db)))
        }
        let casting = CaleolMemberRole(code: access.commission.castingVoteRole)
        return CaleolSessionView(
            id: try session.requireID(), heldOn: session.heldOn, mode: session.mode.rawValue,
            modeLabel: session.mode.label, commission: access.commission.name,
            castingVote: casting.map { "Voix prépondérante : \($0.label)" } ?? "Pas de voix prépondérante",
            quorumReached: CaleolVote.hasQuorum(members.map(\.1)), secretariat: access.capacity == .secretary,
            seats: seats, agenda: agenda)
    }

    static func label(of ballot: CaleolBallotRecord, sessionOn: CalendarDate) -> String {
        let choice = CaleolVoting.Choice(
            code: ballot.choice, rank: ballot.rank, motif: ballot.motif, missingPiece: ballot.missingPiece,
            deadline: ballot.deadline)
        switch try? CaleolVoting.decision(from: choice, sessionOn: sessionOn) {
        case .decision(let decision): return decision.label
        case .abstention: return "Abstention"
        case nil: return ballot.choice
        }
    }

    static func label(of record: CaleolDecisionRecord, sessionOn: CalendarDate) -> String {
        let choice = CaleolVoting.Choice(
            code: record.code, rank: record.rank, motif: record.motif, missingPiece: record.missingPiece,
            deadline: record.deadline)
        if case .decision(let decision)? = try? CaleolVoting.decision(from: choice, sessionOn: sessionOn) {
            return decision.label
        }
        return record.code
    }
}

/// An offer as shown to the bailleur, the commission and the applicant.
struct OfferView: Content {
    let id: UUID
    let nud: String
    let rank: Int
    let sentOn: String
    let deadline: String
    let deadlineLabel: String
    /// `OfferState` code as of today: a proposal past its deadline reads `lapsed`.
    let state: String
    let stateLabel: String
    let refusal: String?
    let leaseSignedOn: String?
    let visitContact: String
    let dwelling: String
    let commune: String
    let monthlyRent: Int
    /// The piece a conditional attribution waits for, when it is one (`SuspensiveConditions`).
    var condition: OfferCondition?

    init(_ record: OfferRecord, vacancy: Vacancy, today: CalendarDate) throws {
        let offer = try OfferActions.core(record)
        let state = offer.state(on: today)
        id = try record.requireID()
        nud = record.nud
        rank = record.rank
        sentOn = record.sentOn
        deadline = record.deadline
        deadlineLabel = RequestSummary.display(record.deadline)
        self.state = state.code
        stateLabel = record.leaseSignedOn == nil ? state.label : "Bail signé"
        refusal = offer.refusal?.label
        leaseSignedOn = record.leaseSignedOn
        visitContact = record.visitContact
        dwelling = "\(vacancy.dwelling.typology) – \(vacancy.dwelling.residence.name)"
        commune = vacancy.dwelling.residence.commune.name
        monthlyRent = vacancy.dwelling.rent + vacancy.dwelling.charges
    }

    /// Views of offers already scoped to the caller, their vacancies read in one query.
    static func views(of records: [OfferRecord], today: CalendarDate, on db: any Database) async throws -> [OfferView] {
        let ids = Array(Set(records.map(\.vacancyID)))
        guard !ids.isEmpty else { return [] }
        var vacancies: [UUID: Vacancy] = [:]
        for vacancy in try await Vacancy.queryWithDwelling(on: db).filter(\.$id ~~ ids).all() {
            vacancies[try vacancy.requireID()] = vacancy
        }
        let views = try records.compactMap { record in
            try vacancies[record.vacancyID].map { try OfferView(record, vacancy: $0, today: today) }
        }
        return try await withConditions(views, records: records, today: today, on: db)
    }

    static func all(of vacancy: Vacancy, today: CalendarDate, on db: any Database) async throws -> [OfferView] {
        let records = try await OfferRecord.query(on: db).filter(\.$vacancyID == (try vacancy.requireID()))
            .sort(\.$rank).all()
        let views = try records.map { try OfferView($0, vacancy: vacancy, today: today) }
        return try await withConditions(views, records: records, today: today, on: db)
    }

    /// One view with its condition, for the answers of the API.
    static func one(
        _ record: OfferRecord, vacancy: Vacancy, today: CalendarDate, on db: any Database
    ) async throws
        -> OfferView
    {
        try await withConditions(
            [try OfferView(record, vacancy: vacancy, today: today)], records: [record], today: today, on: db)[0]
    }

    private static func withConditions(
        _ views: [OfferView], records: [OfferRecord], today: CalendarDate, on db: any Database
    ) async throws -> [OfferView] {
        let rows = try await SuspensiveConditions.rows(of: Array(Set(records.map(\.vacancyID))), on: db)
        guard !rows.isEmpty else { return views }
        return zip(views, records).map { view, record in
            var view = view
            view.condition = rows.first { $0.vacancyID == record.vacancyID && $0.requestID == record.requestID }
                .flatMap { OfferCondition($0, today: today) }
            return view
        }
    }
}

/// The suspensive condition of an offer's attribution, as shown and served.
struct OfferCondition: Content {
    let missingPiece: String
    let deadline: String
    let deadlineLabel: String
    /// `pending`, `met` or `lapsed` (`SuspensiveConditionState`).
    let state: String
    let stateLabel: String
    let metOn: String?

    init?(_ row: SuspensiveConditions.Row, today: CalendarDate) {
        guard let condition = row.condition else { return nil }
        let state =
            row.lapsedOn != nil
            ? SuspensiveConditionState.lapsed : condition.state(providedOn: row.providedOn, on: today)
        missingPiece = condition.missingPiece
        deadline = condition.deadline.iso
        deadlineLabel = RequestSummary.display(condition.deadline.iso)
        self.state = state.code
        stateLabel = state.label
        metOn = row.metOn
    }
}
