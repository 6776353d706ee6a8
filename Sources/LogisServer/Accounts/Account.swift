import Fluent
import Vapor

/// A person who signs in to Logis, with exactly one role.
final class Account: Model, Authenticatable, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    /// Lower-cased, unique.
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Enum(key: "role") var role: Role
    @Field(key: "display_name") var displayName: String
    /// Agents work for one territory; applicants and platform admins have none.
    @OptionalParent(key: "territory_id") var territory: Territory?
    /// The desk an agent works at; its code closes the NUDs the agent issues.
    @OptionalParent(key: "guichet_id") var guichet: Guichet?
    /// The bailleur or réservataire an agent works for (M0016): its stock, its contingent.
    @OptionalParent(key: "organisation_id") var organisation: Organisation?
    /// When the owner opened the confirmation link (M0021); nil: the account cannot sign in yet.
    @OptionalField(key: "email_confirmed_at") var emailConfirmedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// `emailConfirmedAt` is nil only for a sign-up waiting for its link; agents and the demo
    /// accounts are created confirmed.
    init(
        email: String, passwordHash: String, role: Role, displayName: String, territoryID: UUID? = nil,
        emailConfirmedAt: Date?
    ) {
        self.email = Account.normalise(email: email)
        self.emailConfirmedAt = emailConfirmedAt
        self.passwordHash = passwordHash
        self.role = role
        self.displayName = displayName
        self.$territory.id = territoryID
    }

    static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

extension Role: Equatable {}

struct M0002CreateAccount: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let role = try await database.enum("account_role").case("demandeur").case("accueil").case("enregistreur")
            .case("travailleur-social").case("bailleur").case("caleol").case("reservataire").case("epci")
            .case("admin").create()
        try await database.schema(Account.schema)
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", role, .required)
            .field("display_name", .string, .required)
            .field("territory_id", .uuid, .references(Territory.schema, .id))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).delete()
        try await database.enum("account_role").delete()
    }
}
