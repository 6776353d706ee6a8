import Fluent
import LogisCore
import SQLKit
import Vapor

/// The desk's work, per territory: what to check, validate, send, renew or strike off.
enum WorkQueue: String, CaseIterable, Sendable {
    case onlineToCheck = "en-ligne"
    case handedOver = "transmises"
    case piecesToCheck = "pieces"
    case attestationsDue = "attestations"
    case renewalsComing = "renouvellements"
    case toStrikeOff = "a-radier"
    case criteriaToValidate = "criteres"

    var title: String {
        switch self {
        case .onlineToCheck: "Demandes en ligne à vérifier"
        case .handedOver: "Saisies transmises par l’accueil"
        case .piecesToCheck: "Pièces à vérifier"
        case .attestationsDue: "Attestations à envoyer"
        case .renewalsComing: "Renouvellements dans les 2 mois"
        case .toStrikeOff: "Demandes à radier (non renouvelées)"
        case .criteriaToValidate: "Critères à valider"
        }
    }

    /// Who can act on the queue's files: the policy of the route that does its work. A queue is
    /// shown only to them (`visible(to:)`), and its page is not found for the others.
    var policy: AccessPolicy {
        switch self {
        case .onlineToCheck: GuichetFileController.Policies.activate
        case .handedOver: GuichetEntryController.registering
        case .piecesToCheck: GuichetFileController.Policies.review
        case .attestationsDue: GuichetFileController.Policies.attestationSent
        case .renewalsComing, .toStrikeOff: GuichetFileController.Policies.radiate
        case .criteriaToValidate: GuichetFileController.Policies.priority
        }
    }

    /// The queues of a role, the ones it acts on most first: the social worker's criteria lead.
    static func visible(to role: Role) -> [WorkQueue] {
        let mine = allCases.filter { $0.policy.allows(role) }
        guard role == .travailleurSocial else { return mine }
        return [.criteriaToValidate] + mine.filter { $0 != .criteriaToValidate }
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

/// One page of a queue, with the counts the home page shows.
struct QueuePageResult {
    let items: [QueueItem]
    let total: Int
    let overdue: Int
}

/// Each queue is one SQL query over the columns of `M0013AddListColumns`, filtered by territory,
/// counted, sorted and paged by the database: the cost of a page does not grow with the
/// territory's requests.
enum WorkQueues {
    enum Sort: String {
        case due = "echeance"
        case name = "nom"
    }

    static let maximumPage = 1_000_000

    /// CCH R441-2-4: the attestation is due one month after the complete filing.
    static func attestationDaysLeft(filedOn: CalendarDate, today: CalendarDate) -> Int {
        RequestCalendar.attestationDeadline(completeFilingOn: filedOn).days(since: today)
    }

    static func page(
        _ queue: WorkQueue, for agent: Account, on db: any Database, today: CalendarDate, page: Int = 1,
        size: Int, sort: Sort = .due
    ) async throws -> QueuePageResult {
        guard let sql = db as? any SQLDatabase else { return QueuePageResult(items: [], total: 0, overdue: 0) }
        // A page number from an address is anything up to Int.max: bound it before multiplying.
        let page = min(max(1, page), maximumPage)
        let shape = Shape(queue, today: today)
        var conditions = shape.conditions
        if agent.role != .admin {
            conditions.insert("r.territory_id = \(bind: AgentScope.territoryID(of: agent) ?? UUID())", at: 0)
        }
        let from: SQLQueryString = "FROM \(unsafeRaw: shape.from) WHERE \(conditions.joined(separator: " AND "))"
        struct Counts: Decodable {
            let total: Int
            let overdue: Int?
        }
        let due = shape.dueColumn ?? "NULL"
        let counts = try await sql.raw(
            """
            SELECT COUNT(*) AS "total", \
            SUM(CASE WHEN \(unsafeRaw: due) < \(bind: today.iso) THEN 1 ELSE 0 END) AS "overdue" \(from)
            """
        ).first(decoding: Counts.self)
        let order = sort == .name ? "r.display_name, r.id" : shape.order
        let rows = try await sql.raw(
            """
            SELECT r.id AS "id", r.nud AS "nud", r.display_name AS "displayName", \
            \(unsafeRaw: due) AS "due", \(unsafeRaw: shape.pieceColumn ?? "NULL") AS "piece" \(from) \
            ORDER BY \(unsafeRaw: order) LIMIT \(literal: size) OFFSET \(literal: (page - 1) * size)
            """
        ).all(decoding: Row.self)
        let items = rows.map { row in
            let detail =
                row.piece.map { "Pièce : \(DocumentPiece.label(ofKey: PieceFileKey(stored: $0).piece))" }
                ?? shape.detail
            return item(
                id: row.id, nud: row.nud, name: row.displayName, detail: detail,
                due: row.due.flatMap { try? CalendarDate(iso: $0) }, today: today)
        }
        return QueuePageResult(items: items, total: counts?.total ?? 0, overdue: counts?.overdue ?? 0)
    }

    private struct Row: Decodable {
        let id: UUID
        let nud: String?
        let displayName: String?
        let due: String?
        let piece: String?
    }

    /// What distinguishes the queues: their rows, their due date, their order.
    private struct Shape {
        var from = "housing_requests r"
        var conditions: [SQLQueryString]
        var dueColumn: String?
        var pieceColumn: String?
        var order: String
        var detail: String

        init(_ queue: WorkQueue, today: CalendarDate) {
            let registered: SQLQueryString = "r.status IN ('enregistree', 'active', 'en_instruction')"
            switch queue {
            case .onlineToCheck:
                conditions = [
                    "r.status = 'enregistree'", "r.desk_code = \(bind: RequestRegistration.onlineDeskCode)",
                ]
                order = "r.registered_at, r.id"
                detail = "Déposée en ligne"
            case .handedOver:
                conditions = ["r.status = 'brouillon'", "r.handed_over = \(bind: true)"]
                order = "r.updated_at, r.id"
                detail = "Saisie terminée"
            case .piecesToCheck:
                from = "request_documents d JOIN housing_requests r ON r.id = d.request_id"
                // One line per piece, not per file: the first file (its key has no `#n`,
                // PieceFileKey) stands for the piece; its files share its verdict.
                conditions = ["d.status = 'en_attente'", "d.piece NOT LIKE '%#%'", registered]
                pieceColumn = "d.piece"
                order = "d.uploaded_at, d.id"
                detail = "Pièce à vérifier"
            // The three due dates are set only while due (`syncSearchColumns`): the date alone
            // selects the rows, so the count and the page read one index.
            case .attestationsDue:
                conditions = ["r.attestation_due_on IS NOT NULL"]
                dueColumn = "r.attestation_due_on"
                order = "r.attestation_due_on, r.id"
                detail = "Attestation d’enregistrement"
            case .renewalsComing:
                let horizon = today.adding(months: RequestCalendar.reminderMonthsBeforeAnniversary)
                conditions = ["r.anniversary_on >= \(bind: today.iso)", "r.anniversary_on <= \(bind: horizon.iso)"]
                dueColumn = "r.anniversary_on"
                order = "r.anniversary_on, r.id"
                detail = "Date anniversaire"
            case .criteriaToValidate:
                // The count is stored with the score (M0027): the grid decides, the list is SQL.
                conditions = ["r.pending_criteria > 0", registered]
                order = "r.registered_at, r.id"
                detail = "Critère de cotation à valider"
            case .toStrikeOff:
                // RequestDeadlines.isStruckOff: from the radiation date itself.
                conditions = ["r.strike_off_on <= \(bind: today.iso)"]
                dueColumn = "r.strike_off_on"
                order = "r.strike_off_on, r.id"
                detail = "Non renouvelée"
            }
        }
    }

    /// One line of a list (work queues and search results).
    static func item(
        id: UUID, nud: String?, name: String?, detail: String, due: CalendarDate?, today: CalendarDate
    ) -> QueueItem {
        let days = due.map { $0.days(since: today) }
        return QueueItem(
            requestID: id, nud: nud, name: name ?? "(identité non saisie)", detail: detail, due: due?.iso,
            dueLabel: due.map { RequestSummary.display($0.iso) }, daysLeft: days, overdue: (days ?? 0) < 0)
    }
}

extension CalendarDate {
    /// Whole days from `other` to this date (negative when this date is earlier).
    func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }
}
