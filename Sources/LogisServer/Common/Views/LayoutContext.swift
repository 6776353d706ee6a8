import Vapor

/// What the shared layout needs on every page: title, who is signed in, the form token.
struct LayoutContext: Encodable {
    struct SignedIn: Encodable {
        let displayName: String
        let roleLabel: String
        let role: String
    }

    let title: String
    let signedIn: SignedIn?
    let csrf: String
    let version: String
    let path: String
}

extension Request {
    func layoutContext(title: String) -> LayoutContext {
        let account = auth.get(Account.self)
        return LayoutContext(
            title: title,
            signedIn: account.map {
                .init(displayName: $0.displayName, roleLabel: $0.role.label, role: $0.role.rawValue)
            },
            csrf: csrfToken, version: LogisVersion.current, path: url.path)
    }
}
