import Vapor

/// Enforces each route's declared policy. A route that declares none is refused (deny by default).
struct AccessControlMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route else {
            return try await next.respond(to: request)
        }
        guard let policy = route.accessPolicy else {
            request.logger.critical("route without access declaration: \(route.method) \(route.path.string)")
            throw LogisError.forbidden
        }
        let account = request.auth.get(Account.self)
        if policy.allows(account?.role) {
            return try await next.respond(to: request)
        }
        guard let account else {
            if request.prefersJSON { throw LogisError.authenticationRequired }
            let next = request.url.path
            let target = "/connexion?suite=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return request.redirect(to: target, redirectType: .normal)
        }
        try await request.audit(
            .accessDenied, target: .route(route.path.string), outcome: .denied, actor: account)
        throw LogisError.forbidden
    }
}
