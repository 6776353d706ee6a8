import Vapor

/// JSON API of « Mot de passe oublié ? »: ask for a link, then set the new password with the
/// token it carries. The same rules as the pages (`PasswordReset`): one answer whether or not
/// the address has an account, a link valid 30 minutes and usable once.
struct PasswordResetAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let resets = routes.grouped("api", "v1", "password-resets")
        resets.post(use: requestLink).access(.everyone)
        resets.post("complete", use: complete).access(.everyone)
    }

    struct LinkBody: Content {
        let email: String
    }

    struct LinkAccepted: Content {
        let status: String
        let message: String
    }

    func requestLink(req: Request) async throws -> Response {
        let body = try req.content.decode(LinkBody.self)
        try await PasswordReset.request(email: body.email, on: req)
        // Sorted keys: the body is the same byte for byte, whichever address was given.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let response = Response(status: .accepted)
        try response.content.encode(
            LinkAccepted(status: "link_sent", message: PasswordReset.sentMessage), using: encoder)
        return response
    }

    struct CompleteBody: Content {
        let token: String
        let password: String
        let confirmation: String
    }

    func complete(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(CompleteBody.self)
        do {
            try await PasswordReset.complete(
                token: body.token, password: body.password, confirmation: body.confirmation, on: req)
        } catch let failure as LogisError where failure.code == ErrorCode.linkUnknown.rawValue {
            // On the API a token that names nothing is a resource not found; the page says 400.
            throw LogisError(.notFound, code: .linkUnknown, message: failure.message)
        }
        return .noContent
    }
}
