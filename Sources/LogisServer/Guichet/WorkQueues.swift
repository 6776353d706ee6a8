import Fluent
import LogisCore
import Vapor

/// The desk's work, per territory: what to check, validate, send, renew or strike off.
enum WorkQueue: String, CaseIterable, Sendable {
    case onlineToCheck = "en-ligne"
    case handedOver = "transmises"
    case piecesToCheck = "pieces"
    case attestationsDue = "attestations"
    case renewalsComing = "renouvellements"
    case toStrikeOff = "a-radier"

    var title: String {
        switch self {
        case .onlineToCheck: "Demandes en ligne à vérifier"
        case .handedOver: "Saisies transmises par l’accueil"
        case .piecesToCheck: "Pièces à vérifier"
        case .attestationsDue: "Attestations à envoyer"
        case .renewalsComing: "Renouvellements dans les 2 mois"
        case .toStrikeOff: "Demandes à radier (non renouvelées)"
        }
    }
}

/// One line of a queue.
struct QueueItem: Content {
    let requestID: UUID
    let nud: String?
    let name: String
    let detail: String
    /// The date the item is due, `YYYY-MM-DD`, shown as JJ/MM/AAAA.
    let due: String?
    let dueLabel: String?
    /// Days until `due`; negative when late.
    let daysLeft: Int?
    let overdue: Bool
    /// Days late, for the "en retard de N j" label.
    let lateDays: Int?

    init(
        requestID: UUID, nud: String?, name: String, detail: String, due: String?, dueLabel: String?, daysLeft: Int?,
        overdue: Bool
    ) {
        self.requestID = requestID
        self.nud = nud
        self.name = name
        self.detail = detail
        self.due = due
        self.dueLabel = dueLabel
        self.daysLeft = daysLeft
        self.overdue = overdue
        self.lateDays = overdue ? daysLeft.map { -$0 } : nil
    }
}

enum WorkQueues {
    /// CCH R441-2-4: the attestation is due one month after the complete filing.
    static func attestationDaysLeft(filedOn: CalendarDate, today: CalendarDate) -> Int {
        RequestCalendar.attestationDeadline(completeFilingOn: filedOn).days(since: today)
    }

    static func items(
        _ queue: WorkQueue, for agent: Account, on db: any Database, today: CalendarDate
    )
        async throws -> [QueueItem]
    {
        let scoped = { AgentScope.restrict(HousingRequest.query(on: db), to: agent) }
        switch queue {
        case .onlineToCheck:
            return try await scoped().filter(\.$status == .enregistree).filter(
                \.$deskCode == RequestRegistration.onlineDeskCode
            )
            .sort(\.$registeredAt).all().map { item($0, detail: "Déposée en ligne", due: nil, today: today) }
        case .handedOver:
            return try await scoped().filter(\.$status == .brouillon).filter(\.$handedOver == true).all()
                .map { item($0, detail: "Saisie terminée par l’accueil", due: nil, today: today) }
        case .piecesToCheck:
            let requests = try await scoped().filter(\.$status ~~ [.enregistree, .active, .enInstruction]).all()
            let byID = Dictionary(requests.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
            guard !byID.isEmpty else { return [] }
            let documents = try await RequestDocument.query(on: db).filter(\.$request.$id ~~ Array(byID.keys))
                .filter(\.$status == .enAttente).sort(\.$uploadedAt).all()
            return documents.compactMap { document in
                guard let request = byID[document.$request.id] else { return nil }
                let label = GuichetActions.label(of: document, in: request, today: today)
                return item(request, detail: "Pièce : \(label)", due: nil, today: today)
            }
        case .attestationsDue:
            let requests = try await scoped().filter(\.$status ~~ [.enregistree, .active]).filter(
                \.$attestationSentAt == nil
            )
            .all()
            return requests.compactMap { request in
                guard let filed = request.firstFiledOn.flatMap({ try? CalendarDate(iso: $0) }) else { return nil }
                let due = RequestCalendar.attestationDeadline(completeFilingOn: filed)
                return item(request, detail: "Attestation d’enregistrement", due: due, today: today)
            }.sorted { ($0.due ?? "") < ($1.due ?? "") }
        case .renewalsComing, .toStrikeOff:
            let requests = try await scoped().filter(\.$status ~~ [.enregistree, .active, .enInstruction]).all()
            return requests.compactMap { request in
                guard let schedule = RequestLifecycle.schedule(of: request) else { return nil }
                if queue == .renewalsComing, schedule.anniversary >= today,
                    schedule.anniversary <= today.adding(months: RequestCalendar.reminderMonthsBeforeAnniversary)
                {
                    return item(request, detail: "Date anniversaire", due: schedule.anniversary, today: today)
                }
                if queue == .toStrikeOff, RequestDeadlines.isStruckOff(schedule, on: today) {
                    return item(request, detail: "Non renouvelée", due: schedule.radiation, today: today)
                }
                return nil
            }.sorted { ($0.due ?? "") < ($1.due ?? "") }
        }
    }

    /// A request as one line of a list (work queues and search results).
    static func item(
        _ request: HousingRequest, detail: String, due: CalendarDate?, today: CalendarDate
    )
        -> QueueItem
    {
        let applicant = request.form.applicant
        let name = applicant.map { "\($0.lastName.uppercased()) \($0.firstName)" } ?? "(identité non saisie)"
        let days = due.map { $0.days(since: today) }
        return QueueItem(
            requestID: request.id ?? UUID(), nud: request.nud, name: name, detail: detail, due: due?.iso,
            dueLabel: due.map { RequestSummary.display($0.iso) }, daysLeft: days, overdue: (days ?? 0) < 0)
    }
}

extension CalendarDate {
    /// Whole days from `other` to this date (negative when this date is earlier).
    func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }
}
