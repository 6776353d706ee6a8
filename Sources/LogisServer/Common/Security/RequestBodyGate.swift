import Vapor

/// Reads every body that a route will need before anything else does, within the limits of
/// `RequestLimits`: small for strangers, a deadline for everyone, and a shared memory budget for
/// uploads. A forged upload form is refused on its first part, before its file is received.
///
/// Runs after the session is known (limits depend on it) and before the CSRF check (which then
/// reads an already collected body).
struct RequestBodyGate: AsyncMiddleware {
    let limits: RequestLimits

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.route != nil, ![.GET, .HEAD, .OPTIONS].contains(request.method) else {
            return try await next.respond(to: request)
        }
        let isPage = !request.url.path.hasPrefix("/api/")
        let type = request.headers.contentType
        let isMultipart = type?.type == "multipart"
        guard request.auth.has(Account.self) else {
            // No page takes an upload from a stranger: refuse before reading a byte.
            if isPage, isMultipart { throw LogisError.csrfRejected }
            try await StreamedBody.collect(request, limit: limits.anonymousBody, deadline: limits.formDeadline)
            return try await next.respond(to: request)
        }
        if isMultipart {
            return try await receiveUpload(request, isPage: isPage, boundary: type?.parameters["boundary"], next: next)
        }
        if isPage, type == .urlEncodedForm {
            try await StreamedBody.collect(request, limit: limits.formBody, deadline: limits.formDeadline)
        }
        return try await next.respond(to: request)
    }

    private func receiveUpload(
        _ request: Request, isPage: Bool, boundary: String?, next: any AsyncResponder
    ) async throws -> Response {
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init)
        if let declared, declared > limits.uploadBody { throw LogisError.payloadTooLarge }
        let reservation = declared ?? limits.uploadBody
        let budget = request.application.uploadBudget
        guard await budget.reserve(reservation) else { throw LogisError.serverBusy }
        do {
            let inspect = isPage ? Self.firstFieldIsToken(request, boundary: boundary) : nil
            try await StreamedBody.collect(
                request, limit: limits.uploadBody, deadline: limits.uploadDeadline, inspect: inspect)
            let response = try await next.respond(to: request)
            await budget.release(reservation)
            return response
        } catch {
            await budget.release(reservation)
            throw error
        }
    }

    /// Accepts a page's multipart body only if its first field is the form token of the session
    /// (only a signed-in account uploads, see above).
    private static func firstFieldIsToken(_ request: Request, boundary: String?) -> StreamedBody.Inspector {
        let binding = request.csrfBinding(nonce: nil)
        let key = request.application.csrfKey
        return { buffer in
            guard let binding, let boundary else { return .reject(.csrfRejected) }
            switch MultipartFirstField.parse(buffer, boundary: boundary) {
            case .incomplete:
                return .undecided
            case .malformed:
                return .reject(.csrfRejected)
            case .field(let name, let value):
                let matches = name == CSRFMiddleware.fieldName && CSRFToken.isValid(value, for: binding, key: key)
                return matches ? .accept : .reject(.csrfRejected)
            }
        }
    }
}
