import Vapor

/// Reads every body that a route will need before anything else does, within the limits of
/// `RequestLimits`: small for strangers, a deadline for everyone, and for uploads a disk spool
/// (`UploadSpool`) within a shared budget. A forged upload form is refused on its first part,
/// before its file is received.
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
        let inspect =
            isPage && isMultipart ? Self.firstFieldIsToken(request, boundary: type?.parameters["boundary"]) : nil
        if isMultipart, request.route?.takesUpload == true {
            return try await receiveUpload(
                request, boundary: type?.parameters["boundary"], inspect: inspect, next: next)
        }
        if isMultipart {
            // No other route takes a file: a form's worth of multipart, in memory.
            try await StreamedBody.collect(
                request, limit: limits.formBody, deadline: limits.formDeadline, inspect: inspect)
            return try await next.respond(to: request)
        }
        if isPage, type == .urlEncodedForm {
            try await StreamedBody.collect(request, limit: limits.formBody, deadline: limits.formDeadline)
        }
        return try await next.respond(to: request)
    }

    /// Receives an upload to disk: memory holds a chunk at a time, and the budget bounds the disk
    /// that uploads being received take together (the spool, then the piece read out of it).
    private func receiveUpload(
        _ request: Request, boundary: String?, inspect: StreamedBody.Inspector?, next: any AsyncResponder
    ) async throws -> Response {
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init)
        if let declared, declared > limits.uploadBody { throw LogisError.payloadTooLarge }
        let reservation = declared ?? limits.uploadBody
        let budget = request.application.uploadBudget
        guard await budget.reserve(reservation) else { throw LogisError.serverBusy }
        let spool: UploadSpool
        do {
            spool = try await UploadSpool.open(for: request, boundary: boundary ?? "")
        } catch {
            await budget.release(reservation)
            throw error
        }
        do {
            try await StreamedBody.spool(
                request, into: spool.sink(on: request.eventLoop), limit: limits.uploadBody,
                deadline: limits.uploadDeadline, inspect: inspect)
            request.uploadSpool = spool
            let response = try await next.respond(to: request)
            await spool.discard()
            await budget.release(reservation)
            return response
        } catch {
            await spool.discard()
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
