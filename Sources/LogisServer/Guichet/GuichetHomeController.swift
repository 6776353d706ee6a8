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
    }

    func home(req: Request) async throws -> View {
        let agent = try req.requireAccount()
        var queues: [QueueSummary] = []
        for queue in WorkQueue.allCases {
            let items = try await WorkQueues.items(queue, for: agent, on: req.db, today: req.today)
            queues.append(
                QueueSummary(
                    slug: queue.rawValue, title: queue.title, count: items.count,
                    overdue: items.filter(\.overdue).count, first: Array(items.prefix(5))))
        }
        let notice = req.query[String.self, at: "message"].flatMap { Self.messages[$0] }
        let page = HomePage(
            layout: req.layoutContext(title: "Guichet"), feedback: notice.map(FormFeedback.notice) ?? .none,
            territory: try await territoryName(of: agent, on: req.db),
            queues: queues, canRegister: agent.role == .enregistreur,
            canEnter: agent.role == .enregistreur || agent.role == .accueil)
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
        var items = try await WorkQueues.items(queue, for: try req.requireAccount(), on: req.db, today: req.today)
        let sort = req.query[String.self, at: "tri"] == "nom" ? "nom" : "echeance"
        if sort == "nom" { items.sort { $0.name < $1.name } }
        let pages = max(1, (items.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(1, req.query[Int.self, at: "page"] ?? 1), pages)
        let slice = Array(items.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize))
        let view = QueuePage(
            layout: req.layoutContext(title: queue.title), slug: queue.rawValue, title: queue.title, items: slice,
            total: items.count, page: page, pages: pages, sort: sort, previousPage: page > 1 ? page - 1 : nil,
            nextPage: page < pages ? page + 1 : nil)
        return try await req.view.render("guichet/queue", view)
    }

    struct SearchPage: Encodable {
        let layout: LayoutContext
        let values: [String: String]
        let statuses: [FormChoice]
        let communes: [String]
        let searched: Bool
        let results: [QueueItem]
    }

    func search(req: Request) async throws -> View {
        let agent = try req.requireAccount()
        let criteria = RequestSearch.Criteria(
            text: req.query[String.self, at: "q"] ?? "", birthDate: req.query[String.self, at: "naissance"] ?? "",
            commune: req.query[String.self, at: "commune"] ?? "", status: req.query[String.self, at: "statut"] ?? "")
        let results = criteria.isEmpty ? [] : try await RequestSearch.run(criteria, for: agent, on: req.db)
        if !criteria.isEmpty {
            try await req.audit(.requestSearch, reason: RequestSearch.auditReason(criteria, results: results.count))
        }
        let territoryID = AgentScope.territoryID(of: agent) ?? UUID()
        let communes = try await Commune.query(on: req.db).filter(\.$territory.$id == territoryID).sort(\.$name).all()
        let page = SearchPage(
            layout: req.layoutContext(title: "Rechercher une demande"), values: criteria.values,
            statuses: RequestStatus.allCases.map { FormChoice(code: $0.rawValue, label: $0.label) },
            communes: communes.map(\.name), searched: !criteria.isEmpty, results: results)
        return try await req.view.render("guichet/search", page)
    }

    private func territoryName(of agent: Account, on db: any Database) async throws -> String {
        try await agent.$territory.get(on: db)?.name ?? "Tous les territoires"
    }
}
