import Fluent
import LogisCore
import Vapor

/// The applicant's online request: one page per Cerfa section, saved at each step, a summary,
/// then submission (NUD). After registration the same pages update the request.
struct RequestWizardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let demande = routes.grouped("demande")
        demande.get(use: start).access(.only(.demandeur))
        demande.post(use: create).access(.only(.demandeur))
        demande.get("recapitulatif", use: summary).access(.only(.demandeur))
        demande.post("soumettre", use: submit).access(.only(.demandeur))
        demande.get("etape", ":step", use: showStep).access(.only(.demandeur))
        demande.post("etape", ":step", use: saveStep).access(.only(.demandeur))
    }

    struct StartPage: Encodable {
        let layout: LayoutContext
        let steps: [String]
    }

    /// Resumes the live request (a household has only one), or presents the form before a draft
    /// is opened (a GET never creates anything).
    func start(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard let request = try await RequestLookup.live(of: account, on: req.db) else {
            let page = StartPage(
                layout: req.layoutContext(title: "Faire une demande de logement social"),
                steps: WizardStep.allCases.map(\.title))
            return try await req.view.render("requests/start", page).encodeResponse(for: req)
        }
        return resume(request, on: req)
    }

    /// Opens the draft (or resumes the one that exists).
    func create(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        if let live = try await RequestLookup.live(of: account, on: req.db) { return resume(live, on: req) }
        let request = HousingRequest(accountID: try account.requireID())
        do {
            try await RequestLookup.saveOwned(request, on: req.db)
        } catch let error as LogisError where error == RequestLookup.alreadyLive {
            // A second click raced the first: open the draft it created.
            guard let live = try await RequestLookup.live(of: account, on: req.db) else { throw error }
            return resume(live, on: req)
        }
        return resume(request, on: req)
    }

    private func resume(_ request: HousingRequest, on req: Request) -> Response {
        if request.status.isRegistered { return req.redirect(to: "/mon-espace") }
        guard let missing = WizardStep.firstMissing(in: request.form) else {
            return req.redirect(to: "/demande/recapitulatif")
        }
        return req.redirect(to: "/demande/etape/\(missing.rawValue)")
    }

    func showStep(req: Request) async throws -> View {
        let (request, step) = try await current(req)
        let page = WizardPage(
            step: step, form: request.form, values: step.values(of: request.form), errors: [:],
            communes: try await CommuneList.load(on: req.db), isUpdate: request.status.isRegistered,
            layout: req.layoutContext(title: "Étape \(step.number) : \(step.title)"), today: req.today)
        return try await req.view.render(step.template, page)
    }

    func saveStep(req: Request) async throws -> Response {
        let (request, step) = try await current(req)
        let account = try req.requireAccount()
        var raw = try req.content.decode([String: String].self)
        raw.removeValue(forKey: CSRFMiddleware.fieldName)
        let communes = try await CommuneList.load(on: req.db)
        var form = request.form
        let errors = step.apply(raw, to: &form, communes: communes, today: req.today)
        guard errors.isEmpty else {
            let page = WizardPage(
                step: step, form: request.form, values: raw, errors: errors, communes: communes,
                isUpdate: request.status.isRegistered,
                layout: req.layoutContext(title: "Erreur – étape \(step.number) : \(step.title)"), today: req.today,
                fieldOrder: req.postedFieldNames)
            return try await req.view.render(step.template, page).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await RequestUpdate.save(request, form: form, changed: [step], by: account, on: req.db)
        if request.status.isRegistered {
            try await RequestCotation.refresh(request, on: req.db, app: req.application)
            return req.redirect(to: "/mon-espace?message=mise-a-jour")
        }
        let next = step.next.flatMap { $0.isAnswered(in: form) ? WizardStep.firstMissing(in: form) : $0 }
        return req.redirect(to: next.map { "/demande/etape/\($0.rawValue)" } ?? "/demande/recapitulatif")
    }

    func summary(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard let request = try await RequestLookup.live(of: account, on: req.db) else {
            return req.redirect(to: "/demande")
        }
        let page = RequestSummaryPage(
            layout: req.layoutContext(title: "Récapitulatif de votre demande"), request: request,
            communes: try await CommuneList.load(on: req.db), today: req.today)
        return try await req.view.render("requests/summary", page).encodeResponse(for: req)
    }

    func submit(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard let request = try await RequestLookup.live(of: account, on: req.db) else {
            return req.redirect(to: "/demande")
        }
        do {
            try await RequestRegistration.submitOnline(request, by: account, on: req)
        } catch let failure as LogisError where failure.code == ErrorCode.registrationPiecesMissing.rawValue {
            // The pieces page, where they are uploaded, says which ones are missing.
            return try await DocumentsController().render(req, request: request, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return req.redirect(to: "/mon-espace?message=enregistree")
    }

    private func current(_ req: Request) async throws -> (HousingRequest, WizardStep) {
        let account = try req.requireAccount()
        guard let step = WizardStep(rawValue: req.parameters.get("step") ?? "") else { throw LogisError.notFound }
        guard let request = try await RequestLookup.live(of: account, on: req.db) else {
            throw LogisError(
                .notFound, code: .noRequest, message: "Vous n’avez pas de demande en cours : commencez-en une.")
        }
        return (request, step)
    }

}
