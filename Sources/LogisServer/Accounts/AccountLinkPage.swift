import Vapor

/// The page of a link that no longer opens anything: what happened, in French, and what to do.
enum AccountLinkPage {
    /// nil while the link can still be used; otherwise the page that says why (410/400). What a
    /// link's page shows before its form is sent.
    static func refusal(of token: String, purpose: AccountToken.Purpose, on req: Request) async throws -> Response? {
        do {
            _ = try await AccountToken.usable(token, purpose: purpose, now: req.now, on: req.db)
            return nil
        } catch let failure as LogisError where AccountLinkError.isLinkError(failure) {
            return try await render(failure, retry: purpose, on: req)
        }
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let message: String
        let code: String
        let advice: String
        let retryPath: String
        let retryLabel: String
    }

    static func render(_ failure: LogisError, retry: AccountToken.Purpose, on req: Request) async throws -> Response {
        let page: Page
        switch retry {
        case .passwordReset:
            page = Page(
                layout: req.layoutContext(title: "Lien inutilisable"), message: failure.message, code: failure.code,
                advice: "Un lien de changement de mot de passe est valable 30 minutes et ne sert qu’une fois.",
                retryPath: AccountLinks.forgottenPasswordPath, retryLabel: "Demander un nouveau lien")
        case .confirmEmail:
            page = Page(
                layout: req.layoutContext(title: "Lien inutilisable"), message: failure.message, code: failure.code,
                advice:
                    "Si votre adresse est déjà confirmée, connectez-vous. Sinon, connectez-vous avec votre adresse "
                    + "et votre mot de passe : un nouveau lien de confirmation vous sera envoyé.",
                retryPath: AccountLinks.signInPath, retryLabel: "Se connecter")
        }
        return try await req.view.render("accounts/link-invalid", page).encodeResponse(status: failure.status, for: req)
    }
}
