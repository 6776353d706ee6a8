import Vapor

/// Who may call a route. Every route declares one; the access middleware refuses a route without it.
public enum AccessPolicy: Sendable, Equatable {
    /// Anyone, signed in or not.
    case everyone
    /// Any signed-in account.
    case signedIn
    /// Signed-in accounts with one of these roles.
    case roles(Set<Role>)

    public static func only(_ roles: Role...) -> AccessPolicy { .roles(Set(roles)) }

    func allows(_ role: Role?) -> Bool {
        switch self {
        case .everyone: true
        case .signedIn: role != nil
        case .roles(let roles): role.map(roles.contains) ?? false
        }
    }
}

extension Route {
    static let accessPolicyKey = "logis.access"

    /// Declares who may call this route.
    @discardableResult
    public func access(_ policy: AccessPolicy) -> Route {
        userInfo[Self.accessPolicyKey] = policy
        return self
    }

    public var accessPolicy: AccessPolicy? {
        userInfo[Self.accessPolicyKey] as? AccessPolicy
    }
}
