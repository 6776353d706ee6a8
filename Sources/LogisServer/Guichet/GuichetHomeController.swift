import Fluent
import LogisCore
import Vapor

/// The desk agent's home (work queues with counts), each queue paginated and sortable, and the
/// search over the agent's territory.
struct GuichetHomeController: RouteCollection {
    static let agents = AccessPolicy.only(.accueil, .enregistreur, .travailleurSocial, .admin)
    static let pageSize = 25

    func boot(routes: any RoutesBuilder) throws {
        let guichet = routes.grouped("guichet")
        guichet.get(use: home).access(Self.agents)
        guichet.get("file", ":queue", use: queue).access(Self.agents)
        guichet.get("recherche", use: search).access(Self.agents)
        guichet.post("recherche", use: searchByPerson).access(Self.agents)
    }

    struct QueueSummary: Encodable {
        let slug: String
        let title: String
        let count: Int
        let overdue: Int
        let first: [QueueItem]
    }

    /// Notices of the actions that come back to the home page (`?message=`).
    static let messages = [
        "transmise": "La saisie est transmise aux guichets enregistreurs du territoire.",
        "transmise-territoire": "La saisie est transmise au territoire de sa première commune souhaitée.",
    ]

    struct HomePage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let territory: String
        let queues: [QueueSummary]
        let canRegister: Bool
        let canEnter: Bool
        /// This role acts on no queue (accueil): the page says so rather than showing others' work.
        let noQueue: Bool
    }

    func home(req: Request) async throws -> View {
        let agent = try req.requireAccount()
        var queues: [QueueSummary] = []
        var shown: [UUID] = []
        for queue in WorkQueue.visible(to: agent.role) {
            let result = try await WorkQueues.page(queue, for: agent, on: req.db, today: req.today, size: 5)
            shown += result.items.map(\.requestID)
            queues.append(
                QueueSummary(
                    slug: queue.rawValue, title: queue.title, count: result.total, overdue: result.overdue,
                    first: result.items))
        }
        try await req.auditListed(shown, reason: .deskHome)
        let notice = req.query[String.self, at: "message"].flatMap { Self.messages[$0] }
        let page = HomePage(
            layout: req.layoutContext(title: "Guichet"), feedback: notice.map(FormFeedback.notice) ?? .none,
            territory: try await territoryName(of: agent, on: req.db),
            queues: queues, canRegister: agent.role == .enregistreur,
            canEnter: agent.role == .enregistreur || agent.role == .accueil, noQueue: queues.isEmpty)
        return try await req.view.render("guichet/home", page)
    }

    struct QueuePage: Encodable {
        let layout: LayoutContext
        let slug: String
        let title: String
        let items: [QueueItem]
        let total: Int
        let page: Int
        let pages: Int
        let sort: String
        let previousPage: Int?
        let nextPage: Int?
    }

    func queue(req: Request) async throws -> View {
        guard let queue = WorkQueue(rawValue: req.parameters.get("queue") ?? "") else { throw LogisError.notFound }
        let sort = WorkQueues.Sort(rawValue: req.query[String.self, at: "tri"] ?? "") ?? .due
        let requested = min(max(1, req.query[Int.self, at: "page"] ?? 1), WorkQueues.maximumPage)
        let agent = try req.requireAccount()
        // A queue lists files to act on: one whose action this role may not take is not among its lists.
        guard queue.policy.allows(agent.role) else { throw LogisError.notFound }
        var result = try await WorkQueues.page(
            queue, for: agent, on: req.db, today: req.today, page: requested, size: Self.pageSize, sort: sort)
        let pages = max(1, (result.total + Self.pageSize - 1) / Self.pageSize)
        let page = min(requested, pages)
        if page != requested {
            result = try await WorkQueues.page(
                queue, for: agent, on: req.db, today: req.today, page: page, size: Self.pageSize, sort: sort)
        }
        try await req.auditListed(result.items.map(\.requestID), reason: .queue(queue))
        let view = QueuePage(
            layout: req.layoutContext(title: queue.title), slug: queue.rawValue, title: queue.title,
            items: result.items, total: result.total, page: page, pages: pages, sort: sort.rawValue,
            previousPage: page > 1 ? page - 1 : nil, nextPage: page < pages ? page + 1 : nil)
        return try await req.view.render("guichet/queue", view)
    }

    struct SearchPage: Encodable {
        let layout: LayoutContext
        let values: [String: String]
        let statuses: [FormChoice]
        let communes: [CommuneOption]
        let searched: Bool
        let results: [QueueItem]
    }

    /// The empty form, or a search by commune and status (no personal data in the address).
    func search(req: Request) async throws -> View {
        let criteria = RequestSearch.Criteria(
            text: "", birthDate: "", commune: req.query[String.self, at: "commune"] ?? "",
            status: req.query[String.self, at: "statut"] ?? "")
        if req.query[String.self, at: "q"]?.isEmpty == false
            || req.query[String.self, at: "naissance"]?.isEmpty == false
        {
            throw RequestSearch.personInAddress
        }
        return try await renderSearch(req, criteria)
    }

    /// A search by name or birth date comes by POST, so it reaches no access log.
    func searchByPerson(req: Request) async throws -> View {
        struct Form: Decodable {
            let q: String?
            let naissance: String?
            let commune: String?
            let statut: String?
        }
        let form = try req.content.decode(Form.self)
        let criteria = RequestSearch.Criteria(
            text: form.q ?? "", birthDate: form.naissance ?? "", commune: form.commune ?? "", status: form.statut ?? "")
        return try await renderSearch(req, criteria)
    }

    private func renderSearch(_ req: Request, _ criteria: RequestSearch.Criteria) async throws -> View {
        let agent = try req.requireAccount()
        let results = criteria.isEmpty ? [] : try await RequestSearch.run(criteria, on: req)
        let territoryID = AgentScope.territoryID(of: agent) ?? UUID()
        let communes = try await CommuneList.load(on: req.db).entries.filter { $0.territoryID == territoryID }
        let page = SearchPage(
            layout: req.layoutContext(title: "Rechercher une demande"), values: criteria.values,
            statuses: RequestStatus.allCases.map { FormChoice(code: $0.rawValue, label: $0.label) },
            communes: communes.map { CommuneOption(code: $0.code, label: $0.label) }, searched: !criteria.isEmpty,
            results: results)
        return try await req.view.render("guichet/search", page)
    }

    private func territoryName(of agent: Account, on db: any Database) async throws -> String {
        try await agent.$territory.get(on: db)?.name ?? "Tous les territoires"
    }
}
