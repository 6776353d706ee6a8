import LogisCore
import Vapor

/// The renewal from the espace personnel is a review, never one click (issue 12): the page shows
/// what the request says today — household, resources of the new year, wished communes — with a
/// « Modifier » link per section, and renews only once the person confirms it is up to date.
extension PersonalSpaceController {
    struct RenewalPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let nud: String?
        let anniversary: String
        let summary: RequestSummary
        let base = "/demande"
    }

    struct RenewalForm: Content {
        let confirm: String?
    }

    func renewalReview(req: Request) async throws -> View {
        try await req.view.render("requests/renew", try await renewalPage(req, feedback: .none))
    }

    func renew(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let form = try req.content.decode(RenewalForm.self)
        guard form.confirm == "oui" else {
            let page = try await renewalPage(
                req, feedback: .error("Vérifiez votre situation puis cochez la case pour confirmer qu’elle est à jour.")
            )
            return try await req.view.render("requests/renew", page).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
        guard let request = try await RequestLookup.live(of: account, on: req.db) else { throw RequestLookup.notFound }
        try await RequestLifecycle.renew(request, by: account, on: req.db, today: req.today)
        return req.redirect(to: "/mon-espace?message=renouvelee")
    }

    private func renewalPage(_ req: Request, feedback: FormFeedback) async throws -> RenewalPage {
        let account = try req.requireAccount()
        guard let request = try await RequestLookup.live(of: account, on: req.db) else { throw RequestLookup.notFound }
        guard RequestLifecycle.canRenew(request, today: req.today),
            let schedule = RequestLifecycle.schedule(of: request)
        else {
            throw LogisError(
                .conflict, code: .renewalNotOpen,
                message: "Le renouvellement n’est possible que dans les 3 mois qui précèdent la date anniversaire.")
        }
        return RenewalPage(
            layout: req.layoutContext(title: "Renouveler ma demande"), feedback: feedback, nud: request.nud,
            anniversary: RequestSummary.display(schedule.anniversary.iso),
            summary: RequestSummary(request, communes: try await CommuneList.load(on: req.db), today: req.today))
    }
}
