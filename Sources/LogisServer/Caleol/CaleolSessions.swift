import Fluent
import LogisCore
import Vapor

/// Holding a session: the bailleur puts vacancies whose candidates are kept on the agenda of a
/// dated session of its commission; the session's view gathers seats, agenda, ballots, decisions.
enum CaleolSessions {
    static let invalidDate = LogisError(
        .unprocessableEntity, code: .invalidSessionDate,
        message: "Indiquez la date de la séance au format AAAA-MM-JJ (au plus deux mois passés, un an à venir).")
    static let emptyAgenda = LogisError(
        .unprocessableEntity, code: .emptyAgenda, message: "Inscrivez au moins un logement à l’ordre du jour.")
    static let notReady = LogisError(
        .conflict, code: .vacancyNotReady,
        message:
            "Seul un logement dont les candidatures sont retenues, et qui n’est pas déjà inscrit, peut être inscrit.")

    static func create(
        heldOn text: String, mode raw: String, vacancyIDs: [UUID], absentSeats: [UUID], on req: Request
    ) async throws -> CaleolSession {
        let agent = try req.requireAccount()
        guard let heldOn = try? CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)),
            (-62...366).contains(heldOn.days(since: req.today))
        else { throw invalidDate }
        guard let mode = CaleolSession.Mode(rawValue: raw) else {
            throw LogisError(
                .unprocessableEntity, code: .invalidSessionMode,
                message: "Le mode de la séance est « presentiel » ou « distance ».")
        }
        guard !vacancyIDs.isEmpty, vacancyIDs.count <= 50 else { throw emptyAgenda }
        var vacancies: [Vacancy] = []
        for id in Set(vacancyIDs) {
            let vacancy = try await VacancyScope.visibleVacancy(id, agent: agent, on: req.db)
            guard vacancy.$organisation.id == agent.$organisation.id else { throw VacancyScope.vacancyNotFound }
            guard vacancy.status == .open, vacancy.selectedAt != nil, vacancy.sessionID == nil else { throw notReady }
            vacancies.append(vacancy)
        }
        let territories = Set(vacancies.map { $0.$territory.id })
        guard territories.count == 1, let territory = territories.first,
            let organisation = agent.$organisation.id,
            let commission = try await CaleolCommission.query(on: req.db).filter(\.$organisation.$id == organisation)
                .filter(\.$territory.$id == territory).first()
        else { throw CaleolScope.noCommission }
        let seats = try await CaleolSeat.query(on: req.db).filter(\.$commission.$id == (try commission.requireID()))
            .all().compactMap(\.id)
        let session = CaleolSession()
        session.$commission.id = try commission.requireID()
        session.heldOn = heldOn.iso
        session.mode = mode
        session.attendance = Dictionary(
            uniqueKeysWithValues: absentSeats.filter(seats.contains).map {
                ($0.uuidString, CaleolAttendance.absent.rawValue)
            })
        session.createdBy = try agent.requireID()
        session.createdAt = req.now
        let agenda = vacancies
        try await req.db.transaction { db in
            try await session.create(on: db)
            for vacancy in agenda {
                vacancy.status = .atCommission
                vacancy.sessionID = try session.requireID()
                try await vacancy.save(on: db)
            }
        }
        return session
    }

    /// The seats as LogisCore counts them, with the session's attendance.
    static func members(of session: CaleolSession, on db: any Database) async throws -> [(CaleolSeat, CaleolMember)] {
        let seats = try await CaleolSeat.query(on: db).filter(\.$commission.$id == session.$commission.id)
            .sort(\.$name).all()
        return try seats.compactMap { seat in
            guard let role = CaleolMemberRole(code: seat.role) else { return nil }
            let id = try seat.requireID().uuidString
            let attendance = session.attendance[id].flatMap(CaleolAttendance.init(rawValue:)) ?? .present
            return (seat, CaleolMember(id: id, role: role, attendance: attendance))
        }
    }

    /// The vacancies on the session's agenda, with dwelling, résidence and commune.
    static func agenda(of session: CaleolSession, on db: any Database) async throws -> [Vacancy] {
        try await Vacancy.queryWithDwelling(on: db).filter(\.$sessionID == (try session.requireID()))
            .sort(\.$availableOn).all()
    }
}
