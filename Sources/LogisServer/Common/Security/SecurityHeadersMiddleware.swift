import Vapor

/// Headers every response carries, pages, files and errors alike.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Served over HTTPS (`LOGIS_PUBLIC_URL` is https): browsers are told to never use plain HTTP.
    var https = false

    // No inline script anywhere: scripts and styles come from /js and /css only.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
        "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers =
            [
                ("Content-Security-Policy", Self.contentSecurityPolicy),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "same-origin"),
                ("X-Frame-Options", "DENY"),
                ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
                ("Cross-Origin-Opener-Policy", "same-origin"),
            ] + (https ? [("Strict-Transport-Security", "max-age=31536000; includeSubDomains")] : [])
        // A route may set a stricter policy of its own (e.g. a sandboxed document preview).
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if request.url.path.hasPrefix("/api/") || request.auth.has(Account.self) {
            // Personal pages and API answers must not be kept by shared caches.
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
