import Vapor

/// Logs method, route pattern, status and duration with the request id: never query strings or
/// bodies, which may hold names, incomes or e-mails.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let pattern = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(sans route)"
        let elapsed = ContinuousClock.now - start
        request.logger.info("\(request.method) \(pattern) \(response.status.code) \(elapsed)")
        return response
    }
}
