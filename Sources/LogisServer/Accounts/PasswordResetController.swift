import Vapor

/// Pages of « Mot de passe oublié ? »: ask for a link, then choose a new password through it.
struct PasswordResetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("mot-de-passe-oublie", use: requestForm).access(.everyone)
        routes.post("mot-de-passe-oublie", use: requestLink).access(.everyone)
        routes.get("mot-de-passe", "reinitialiser", ":jeton", use: newPasswordForm).access(.everyone)
        routes.post("mot-de-passe", "reinitialiser", ":jeton", use: setNewPassword).access(.everyone)
    }

    struct RequestPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let email: String
        let sent: Bool
    }

    struct RequestForm: Content {
        let email: String
    }

    func requestForm(req: Request) async throws -> View {
        try await renderRequest(req, feedback: .none, email: "", sent: false)
    }

    func requestLink(req: Request) async throws -> Response {
        let form = try req.content.decode(RequestForm.self)
        do {
            try await PasswordReset.request(email: form.email, on: req)
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderRequest(req, feedback: .error(failure.message), email: form.email, sent: false)
                .encodeResponse(status: failure.status, for: req)
        }
        // Nothing about the address in the answer: it is the same whether or not it has an account.
        return try await renderRequest(req, feedback: .notice(PasswordReset.sentMessage), email: "", sent: true)
            .encodeResponse(for: req)
    }

    private func renderRequest(
        _ req: Request, feedback: FormFeedback, email: String, sent: Bool
    ) async throws
        -> View
    {
        let page = RequestPage(
            layout: req.layoutContext(title: "Mot de passe oublié"), feedback: feedback, email: email, sent: sent)
        return try await req.view.render("accounts/forgotten-password", page)
    }

    struct NewPasswordPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let action: String
        let passwordRule: String
    }

    struct NewPasswordForm: Content {
        let newPassword: String
        let newPasswordConfirmation: String
    }

    func newPasswordForm(req: Request) async throws -> Response {
        let token = req.parameters.get("jeton") ?? ""
        if let refusal = try await AccountLinkPage.refusal(of: token, purpose: .passwordReset, on: req) {
            return refusal
        }
        return try await renderNewPassword(req, token: token, feedback: .none).encodeResponse(for: req)
    }

    func setNewPassword(req: Request) async throws -> Response {
        let token = req.parameters.get("jeton") ?? ""
        let form = try req.content.decode(NewPasswordForm.self)
        do {
            try await PasswordReset.complete(
                token: token, password: form.newPassword, confirmation: form.newPasswordConfirmation, on: req)
        } catch let failure as LogisError where AccountLinkError.isLinkError(failure) {
            return try await AccountLinkPage.render(failure, retry: .passwordReset, on: req)
        } catch let failure as LogisError where failure.isRefusal {
            return try await renderNewPassword(req, token: token, feedback: .error(failure.message))
                .encodeResponse(status: failure.status, for: req)
        }
        return req.redirect(to: "/connexion?message=mot-de-passe-reinitialise", redirectType: .normal)
    }

    private func renderNewPassword(_ req: Request, token: String, feedback: FormFeedback) async throws -> View {
        let page = NewPasswordPage(
            layout: req.layoutContext(title: "Choisir un nouveau mot de passe"), feedback: feedback,
            action: AccountLinks.resetPath(token), passwordRule: PasswordPolicy.ruleText)
        return try await req.view.render("accounts/new-password", page)
    }
}
