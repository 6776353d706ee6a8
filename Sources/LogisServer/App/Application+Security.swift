import Vapor

extension Application {
    /// The middleware chain, outermost first. Order matters: headers wrap everything, errors are
    /// rendered inside them, and access control runs last, once the account is known.
    func configureSecurity(_ settings: Settings) {
        middleware = Middlewares()
        uploadBudget = UploadBudget(capacity: settings.limits.uploadsInFlight)
        uploadsInProgress = UploadsInProgress()
        // Idle and half-sent connections are closed; without this they stay open until the file
        // descriptors run out.
        http.server.configuration.idleTimeout = settings.limits.idleTimeout
        middleware.use(SecurityHeadersMiddleware(https: settings.secureCookies))
        middleware.use(RequestLogMiddleware())
        middleware.use(ErrorPageMiddleware())
        middleware.use(FileMiddleware(publicDirectory: directory.publicDirectory))
        middleware.use(SessionAuthenticator(secureCookies: settings.secureCookies))
        middleware.use(RequestBodyGate(limits: settings.limits))
        if let secret = settings.secretKey { csrfKey = ServerSecret.csrfKey(from: secret) }
        middleware.use(CSRFMiddleware(secureCookies: settings.secureCookies))
        middleware.use(AccessControlMiddleware())
        // Spent on unknown e-mails at sign-in so that timing does not tell which accounts exist.
        decoyPasswordHash = (try? password.hash(CSRFToken.makeNonce())) ?? ""
    }

    private struct DecoyHashKey: StorageKey {
        typealias Value = String
    }

    var decoyPasswordHash: String {
        get { storage[DecoyHashKey.self] ?? "" }
        set { storage[DecoyHashKey.self] = newValue }
    }
}
