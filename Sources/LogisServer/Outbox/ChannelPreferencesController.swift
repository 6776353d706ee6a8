import Fluent
import Vapor

/// « Comment être prévenu(e) » in the espace personnel, and the same choice through the API:
/// e-mail (default) or paper letter, and an SMS in addition to a French mobile number.
struct ChannelPreferencesController: RouteCollection {
    static let applicants = AccessPolicy.only(.demandeur)
    static let path = "/mon-espace/messages"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("mon-espace", "messages", use: show).access(Self.applicants)
        routes.post("mon-espace", "messages", use: change).access(Self.applicants)
        let api = routes.grouped("api", "v1", "me", "channels")
        api.get(use: read).access(Self.applicants)
        api.put(use: replace).access(Self.applicants)
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let emailChosen: Bool
        let letter: Bool
        let sms: Bool
        let mobile: String
        let email: String
        /// Where a letter would go, or nil when the request has no postal address yet.
        let postalAddress: String?
    }

    func show(req: Request) async throws -> View {
        let account = try req.requireAccount()
        let choice = try await ChannelChoice.current(of: try account.requireID(), on: req.db)
        let notice = req.query[String.self, at: "message"] == "enregistre" ? "Vos choix sont enregistrés." : nil
        return try await render(req, choice, feedback: notice.map(FormFeedback.notice) ?? .none)
    }

    struct Form: Content {
        let main: String?
        let sms: String?
        let mobile: String?
    }

    func change(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let form = try req.content.decode(Form.self)
        let choice = ChannelChoice(main: form.main ?? "", sms: form.sms == "oui", mobile: form.mobile)
        do {
            try await ChannelChoice.save(choice, for: account, on: req)
        } catch let failure as LogisError where failure.isRefusal {
            return try await render(req, choice, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return req.redirect(to: "\(Self.path)?message=enregistre")
    }

    func read(req: Request) async throws -> ChannelChoice {
        try await ChannelChoice.current(of: try req.requireAccount().requireID(), on: req.db)
    }

    func replace(req: Request) async throws -> ChannelChoice {
        let choice = try req.content.decode(ChannelChoice.self)
        return try await ChannelChoice.save(choice, for: try req.requireAccount(), on: req)
    }

    private func render(_ req: Request, _ choice: ChannelChoice, feedback: FormFeedback) async throws -> View {
        let account = try req.requireAccount()
        let request = try await RequestLookup.live(of: account, on: req.db)
        let address = request.map(MessageRecipient.postalAddress).flatMap { $0.isEmpty ? nil : $0 }
        // The form's phone is offered when it is a mobile: most people gave it there already.
        let formPhone = request?.form.applicant.flatMap { MobileNumber($0.phone) }
        let typed = choice.mobile.map { MobileNumber($0)?.national ?? String($0.prefix(40)) }
        let page = Page(
            layout: req.layoutContext(title: "Comment être prévenu(e)"), feedback: feedback,
            emailChosen: choice.main != ChannelPreference.Main.letter.rawValue,
            letter: choice.main == ChannelPreference.Main.letter.rawValue, sms: choice.sms,
            mobile: typed ?? formPhone?.national ?? "", email: account.email,
            postalAddress: address?.replacingOccurrences(of: "\n", with: ", "))
        return try await req.view.render("requests/channels", page)
    }
}
