import Vapor

/// Turns every error into a French page (HTML) or `{"error":{"code","message"}}` (JSON).
/// Unexpected errors are logged with the request id only: never personal data.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            var failure = LogisError.from(error)
            if failure.status == .notFound, request.route == nil,
                let allowed = request.application.allowedMethods.methods(forPath: request.url.path),
                !allowed.isEmpty
            {
                failure = .methodNotAllowed
                let response = await render(failure, for: request)
                response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
                return response
            }
            if failure.status == .internalServerError {
                // Template errors name a file and a tag, never a person: worth logging in full.
                let detail = String(describing: type(of: error)).hasPrefix("LeafError") ? " \(error)" : ""
                request.logger.error("unexpected error: \(String(reflecting: type(of: error)))\(detail)")
            }
            let response = await render(failure, for: request)
            if failure == .serverBusy { response.headers.replaceOrAdd(name: .retryAfter, value: "60") }
            return response
        }
    }

    private func render(_ failure: LogisError, for request: Request) async -> Response {
        if request.prefersJSON {
            return ErrorBody.response(for: failure)
        }
        // The page speaks to a person: the French message, never the machine code programs read.
        let page = ErrorPage(
            layout: request.layoutContext(title: ErrorPage.title(of: failure.status)),
            status: Int(failure.status.code), message: failure.message)
        do {
            let view = try await request.view.render("errors/error", page)
            let response = try await view.encodeResponse(status: failure.status, for: request)
            return response
        } catch {
            let response = Response(status: failure.status, body: .init(string: failure.message))
            response.headers.contentType = .plainText
            return response
        }
    }
}

struct ErrorPage: Encodable {
    let layout: LayoutContext
    let status: Int
    let message: String

    static func title(of status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400, 422: "Erreur : la demande n’a pas pu être lue"
        case 401: "Erreur : connexion nécessaire"
        case 403: "Erreur : accès refusé"
        case 404: "Erreur : page introuvable"
        case 405: "Erreur : action impossible sur cette page"
        case 409: "Erreur : action impossible en l’état"
        case 413: "Erreur : envoi trop volumineux"
        case 429: "Erreur : trop de tentatives"
        case 500..<600: "Erreur : le service est momentanément indisponible"
        default: "Erreur"
        }
    }
}

/// The JSON shape of every API error.
struct ErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let fields: [String: String]?
    }

    let error: Detail

    static func response(for failure: LogisError) -> Response {
        let response = Response(status: failure.status)
        let body = ErrorBody(error: .init(code: failure.code, message: failure.message, fields: failure.fields))
        try? response.content.encode(body, as: .json)
        return response
    }
}

extension Request {
    /// API paths and clients that ask for JSON get JSON; people get pages.
    var prefersJSON: Bool {
        if url.path.hasPrefix("/api/") || url.path == "/healthz" { return true }
        let accept = headers.accept.mediaTypes
        return accept.contains(.json) && !accept.contains(.html)
    }
}
