import Fluent
import LogisCore
import Vapor

/// The applicant's journey on the JSON API: the same rules and validations as the pages.
struct RequestsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let requests = routes.grouped("api", "v1", "requests")
        requests.get(use: list).access(.only(.demandeur))
        requests.post(use: create).access(.only(.demandeur))
        requests.post("claim", use: claim).access(.only(.demandeur))
        requests.get(":reference", use: show).access(.only(.demandeur))
        requests.patch(":reference", use: update).access(.only(.demandeur))
        requests.post(":reference", "submit", use: submit).access(.only(.demandeur))
        requests.get(":reference", "timeline", use: timeline).access(.only(.demandeur))
        requests.post(":reference", "renew", use: renew).access(.only(.demandeur))
        requests.get(":reference", "attestation.pdf", use: attestation).access(.only(.demandeur))
    }

    func list(req: Request) async throws -> [RequestDTO] {
        let account = try req.requireAccount()
        return try await HousingRequest.query(on: req.db).filter(\.$account.$id == (try account.requireID()))
            .sort(\.$createdAt, .descending).all().map(RequestDTO.init)
    }

    func create(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        if let live = try await RequestLookup.live(of: account, on: req.db) {
            throw LogisError(
                .conflict, code: .requestAlreadyExists,
                message: "Votre foyer a déjà une demande en cours (\(live.nud ?? "brouillon")) : mettez-la à jour.")
        }
        let request = HousingRequest(accountID: try account.requireID())
        let hasBody = (req.body.data?.readableBytes ?? 0) > 0
        if hasBody, let steps = try req.content.decode(StepsBody.self).steps as [String: [String: FieldValue]]? {
            request.form = try await Self.apply(steps, to: request.form, on: req.db, today: req.today)
        }
        request.syncSearchColumns()
        try await RequestLookup.saveOwned(request, on: req.db)
        return try await RequestDTO(request).encodeResponse(status: .created, for: req)
    }

    struct ClaimBody: Content {
        let nud: String
        let code: String
    }

    /// Attaches a paper request to the account with its NUD and the code printed on its attestation.
    func claim(req: Request) async throws -> RequestDTO {
        let body = try req.content.decode(ClaimBody.self)
        return RequestDTO(
            try await RequestClaim.claim(nud: body.nud, code: body.code, by: try req.requireAccount(), on: req))
    }

    func show(req: Request) async throws -> RequestDTO {
        RequestDTO(
            try await OwnedRequestRow.find(
                req.parameters.get("reference") ?? "", by: try req.requireAccount(), on: req.db))
    }

    func update(req: Request) async throws -> RequestDTO {
        let account = try req.requireAccount()
        let request = try await owned(req)
        guard request.status.isLive else {
            throw LogisError(.conflict, code: .requestClosed, message: "Cette demande est close.")
        }
        let body = try req.content.decode(StepsBody.self)
        let form = try await Self.apply(body.steps, to: request.form, on: req.db, today: req.today)
        let changed = WizardStep.allCases.filter { body.steps[$0.rawValue] != nil }
        try await RequestUpdate.save(request, form: form, changed: changed, by: account, on: req.db)
        try await RequestCotation.refresh(request, on: req.db, app: req.application)
        return RequestDTO(request)
    }

    func submit(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let request = try await owned(req)
        try await RequestRegistration.submitOnline(request, by: account, on: req)
        return try await RequestDTO(request).encodeResponse(status: .created, for: req)
    }

    func timeline(req: Request) async throws -> [TimelineDTO] {
        let request = try await owned(req)
        return try await RequestEvent.query(on: req.db).filter(\.$request.$id == (try request.requireID()))
            .sort(\.$occurredAt).all().map(TimelineDTO.init)
    }

    func renew(req: Request) async throws -> RequestDTO {
        let account = try req.requireAccount()
        let request = try await owned(req)
        try await RequestLifecycle.renew(request, by: account, on: req.db, today: req.today)
        return RequestDTO(request)
    }

    func attestation(req: Request) async throws -> Response {
        try await Attestation.response(for: try await owned(req), on: req)
    }

    private func owned(_ req: Request) async throws -> HousingRequest {
        try await RequestLookup.owned(req.parameters.get("reference") ?? "", by: try req.requireAccount(), on: req.db)
    }

    /// Validates every given section with the wizard's rules; all messages come back at once.
    static func apply(
        _ steps: [String: [String: FieldValue]], to form: RequestForm, on db: any Database, today: CalendarDate
    )
        async throws -> RequestForm
    {
        var form = form
        var problems = ProblemList()
        let communes = try await CommuneList.load(on: db)
        for slug in steps.keys.sorted() where WizardStep(rawValue: slug) == nil {
            problems.add(
                slug, "Section inconnue. Sections : \(WizardStep.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        // In the wizard's order, each page on its own; then the pages given together are checked
        // against each other and against those already saved, as the wizard does page by page.
        let given = WizardStep.allCases.filter { steps[$0.rawValue] != nil }
        for step in given {
            let fields = steps[step.rawValue]?.mapValues(\.text) ?? [:]
            let errors = step.applyAnswers(fields, to: &form, communes: communes, today: today)
            for (field, message) in errors.sorted(by: { $0.key < $1.key }) {
                problems.add("\(step.rawValue).\(field)", message)
            }
        }
        if problems.total == 0 {
            for step in given {
                for (field, message) in RequestCoherence.errors(at: step, in: form).sorted(by: { $0.key < $1.key }) {
                    problems.add("\(step.rawValue).\(field)", message)
                }
            }
        }
        if let error = problems.error { throw error }
        return form
    }
}

/// The per-field messages of a rejected body, of which only the first few are listed: a body
/// with forty thousand unknown sections must not get a seven-megabyte answer.
struct ProblemList {
    static let listed = 20
    private(set) var fields: [String: String] = [:]
    private(set) var total = 0

    mutating func add(_ key: String, _ message: String) {
        total += 1
        guard fields.count < Self.listed else { return }
        fields[String(key.prefix(60))] = message
    }

    var error: LogisError? {
        guard total > 0 else { return nil }
        let message =
            total > fields.count
            ? "\(total) réponses sont invalides ; voici les \(fields.count) premières, par champ."
            : "Certaines réponses sont invalides : voir le détail par champ."
        return LogisError(.unprocessableEntity, code: .validationFailed, message: message, fields: fields)
    }
}

/// `{"steps": {"ressources": {"taxIncomeN2": 26500, …}, …}}`: sections named like the wizard pages.
struct StepsBody: Content {
    let steps: [String: [String: FieldValue]]
}

/// A field's value as JSON may carry it (text, number or boolean), read as the page would.
struct FieldValue: Codable, Sendable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            text = flag ? "on" : ""
        } else if let number = try? container.decode(Int.self) {
            text = String(number)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
