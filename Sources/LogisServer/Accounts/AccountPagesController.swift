import Fluent
import Vapor

/// Browser pages to sign up, sign in, sign out and change one's password.
struct AccountPagesController: RouteCollection {
    let secureCookies: Bool

    func boot(routes: any RoutesBuilder) throws {
        routes.get("connexion", use: signInForm).access(.everyone)
        routes.post("connexion", use: signIn).access(.everyone)
        routes.get("inscription", use: signUpForm).access(.everyone)
        routes.post("inscription", use: signUp).access(.everyone)
        routes.post("deconnexion", use: signOut).access(.signedIn)
        routes.get("compte", use: accountPage).access(.signedIn)
        routes.get("compte", "mot-de-passe", use: passwordForm).access(.signedIn)
        routes.post("compte", "mot-de-passe", use: changePassword).access(.signedIn)
    }

    struct SignInPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let email: String
        let next: String
    }

    struct SignInForm: Content {
        let email: String
        let password: String
        let suite: String?
    }

    func signInForm(req: Request) async throws -> View {
        let next = safeNext(req.query[String.self, at: "suite"])
        let page = SignInPage(
            layout: req.layoutContext(title: "Se connecter"),
            feedback: signInNotice(req.query[String.self, at: "message"]),
            email: "", next: next)
        return try await req.view.render("accounts/sign-in", page)
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let next = safeNext(form.suite)
        do {
            let account = try await SignIn.verify(email: form.email, password: form.password, on: req)
            let response = req.redirect(to: next.isEmpty ? RoleHome(account.role).path : next, redirectType: .normal)
            try await startWebSession(for: account, on: req, response: response)
            return response
        } catch let failure as LogisError
            where failure.code == SignIn.wrongCredentials.code || failure.status == .tooManyRequests
            || failure.code == ErrorCode.emailNotConfirmed.rawValue
        {
            let page = SignInPage(
                layout: req.layoutContext(title: "Se connecter"), feedback: .error(failure.message), email: form.email,
                next: next)
            return try await req.view.render("accounts/sign-in", page).encodeResponse(status: failure.status, for: req)
        }
    }

    struct SignUpPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let displayName: String
        let email: String
        let passwordRule: String
    }

    struct SignUpForm: Content {
        let displayName: String
        let email: String
        let password: String
        let passwordConfirmation: String
    }

    func signUpForm(req: Request) async throws -> View {
        let page = SignUpPage(
            layout: req.layoutContext(title: "Créer mon compte"), feedback: .none, displayName: "", email: "",
            passwordRule: PasswordPolicy.ruleText)
        return try await req.view.render("accounts/sign-up", page)
    }

    func signUp(req: Request) async throws -> Response {
        let form = try req.content.decode(SignUpForm.self)
        do {
            guard form.password == form.passwordConfirmation else {
                throw LogisError.validation("Les deux mots de passe ne sont pas identiques.", code: .passwordMismatch)
            }
            try await AccountRegistration.register(
                email: form.email, password: form.password, displayName: form.displayName, on: req)
            // Nothing about the address in the answer: the same page whether or not it had an account.
            let page = SignUpSentPage(
                layout: req.layoutContext(title: "Vérifiez votre messagerie"),
                feedback: .notice(AccountRegistration.sentMessage))
            return try await req.view.render("accounts/sign-up-sent", page).encodeResponse(for: req)
        } catch let failure as LogisError
            where failure.status == .unprocessableEntity || failure.status == .tooManyRequests
        {
            let page = SignUpPage(
                layout: req.layoutContext(title: "Créer mon compte"), feedback: .error(failure.message),
                displayName: form.displayName, email: form.email, passwordRule: PasswordPolicy.ruleText)
            return try await req.view.render("accounts/sign-up", page).encodeResponse(status: failure.status, for: req)
        }
    }

    struct SignUpSentPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
    }

    /// The notice after a link from a message was used (password reset, address confirmed).
    private func signInNotice(_ message: String?) -> FormFeedback {
        switch message {
        case "mot-de-passe-reinitialise":
            .notice("Votre mot de passe a été changé et toutes vos sessions ont été fermées. Connectez-vous.")
        case "adresse-confirmee": .notice("Votre adresse e-mail est confirmée. Vous pouvez vous connecter.")
        default: .none
        }
    }

    func signOut(req: Request) async throws -> Response {
        if let session = req.currentSessionID {
            try await AuthSession.query(on: req.db).filter(\.$id == session).delete()
        }
        try await req.audit(.signOut, target: .account(req.auth.get(Account.self)?.id))
        req.auth.logout(Account.self)
        let response = req.redirect(to: "/", redirectType: .normal)
        response.cookies[SessionAuthenticator.cookieName(secure: secureCookies)] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: secureCookies,
            isHTTPOnly: true, sameSite: .lax)
        req.rotateCSRFToken(session: nil)
        return response
    }

    struct AccountPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let email: String
        let displayName: String
        let roleLabel: String
    }

    func accountPage(req: Request) async throws -> View {
        let account = try req.requireAccount()
        let notice =
            req.query[String.self, at: "message"] == "mot-de-passe" ? "Votre mot de passe a bien été changé." : nil
        let page = AccountPage(
            layout: req.layoutContext(title: "Mon compte"), feedback: .init(error: nil, notice: notice),
            email: account.email, displayName: account.displayName, roleLabel: account.role.label)
        return try await req.view.render("accounts/account", page)
    }

    struct PasswordPage: Encodable {
        let layout: LayoutContext
        let feedback: FormFeedback
        let passwordRule: String
    }

    struct PasswordForm: Content {
        let currentPassword: String
        let newPassword: String
        let newPasswordConfirmation: String
    }

    func passwordForm(req: Request) async throws -> View {
        let page = PasswordPage(
            layout: req.layoutContext(title: "Changer mon mot de passe"), feedback: .none,
            passwordRule: PasswordPolicy.ruleText)
        return try await req.view.render("accounts/password", page)
    }

    func changePassword(req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        let account = try req.requireAccount()
        do {
            // Every session of the account ends, this one included; a fresh one replaces it.
            try await PasswordChange.apply(
                account: account, current: form.currentPassword, new: form.newPassword,
                confirmation: form.newPasswordConfirmation, keeping: nil, on: req)
            let response = req.redirect(to: "/compte?message=mot-de-passe", redirectType: .normal)
            try await startWebSession(for: account, on: req, response: response)
            return response
        } catch let failure as LogisError
            where failure.status == .unprocessableEntity || failure.status == .tooManyRequests
        {
            let page = PasswordPage(
                layout: req.layoutContext(title: "Changer mon mot de passe"), feedback: .error(failure.message),
                passwordRule: PasswordPolicy.ruleText)
            return try await req.view.render("accounts/password", page).encodeResponse(status: failure.status, for: req)
        }
    }

    private func startWebSession(for account: Account, on req: Request, response: Response) async throws {
        let token = try await AuthSession.open(for: account, kind: .web, on: req.db, now: req.now)
        response.cookies[SessionAuthenticator.cookieName(secure: secureCookies)] = HTTPCookies.Value(
            string: token, maxAge: Int(AuthSession.lifetime), path: "/", isSecure: secureCookies, isHTTPOnly: true,
            sameSite: .lax)
        req.rotateCSRFToken(session: token)
    }

    /// Only local paths: an open redirect would let a phishing link borrow our address.
    private func safeNext(_ value: String?) -> String {
        // Browsers drop tabs and newlines when parsing a URL: "/\t/evil" would become "//evil".
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"),
            value.unicodeScalars.allSatisfy({
                !CharacterSet.whitespacesAndNewlines.union(.controlCharacters).contains($0)
            })
        else { return "" }
        return value
    }
}
