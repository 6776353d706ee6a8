import Vapor

/// The confirmation link of sign-up. Opening it shows a button: a GET changes nothing, so a mail
/// filter that opens links to scan them does not spend it.
struct EmailConfirmationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("inscription", "confirmer", ":jeton", use: confirmationPage).access(.everyone)
        routes.post("inscription", "confirmer", ":jeton", use: confirm).access(.everyone)
    }

    struct ConfirmationPage: Encodable {
        let layout: LayoutContext
        let action: String
    }

    func confirmationPage(req: Request) async throws -> Response {
        let token = req.parameters.get("jeton") ?? ""
        if let refusal = try await AccountLinkPage.refusal(of: token, purpose: .confirmEmail, on: req) {
            return refusal
        }
        let page = ConfirmationPage(
            layout: req.layoutContext(title: "Confirmer mon adresse e-mail"),
            action: AccountLinks.confirmationPath(token))
        return try await req.view.render("accounts/confirm-email", page).encodeResponse(for: req)
    }

    func confirm(req: Request) async throws -> Response {
        let token = req.parameters.get("jeton") ?? ""
        do {
            try await EmailConfirmation.confirm(token: token, on: req)
        } catch let failure as LogisError where AccountLinkError.isLinkError(failure) {
            return try await AccountLinkPage.render(failure, retry: .confirmEmail, on: req)
        }
        return req.redirect(to: "/connexion?message=adresse-confirmee", redirectType: .normal)
    }
}
