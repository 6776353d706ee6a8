import Vapor

/// What the shared layout needs on every page: title, who is signed in, the form token.
struct LayoutContext: Encodable {
    struct SignedIn: Encodable {
        let displayName: String
        let roleLabel: String
        let role: String
        /// The menu's entries, from the access policies of the pages they open: a template
        /// never tests a role itself.
        let can: Menu
    }

    struct Menu: Encodable {
        let personalSpace: Bool
        let guichet: Bool
        let attributions: Bool
        let caleol: Bool
        let jobs: Bool
        let epci: Bool
        let reservataires: Bool

        init(_ role: Role) {
            personalSpace = PersonalSpaceController.applicants.allows(role)
            guichet = GuichetHomeController.agents.allows(role)
            attributions = VacancyAPIController.viewers.allows(role)
            caleol = CaleolAPIController.commission.allows(role)
            jobs = JobsAdminController.administrators.allows(role)
            epci = EpciHomeController.administrators.allows(role)
            reservataires = ReservataireScope.readers.allows(role)
        }
    }

    let title: String
    let signedIn: SignedIn?
    let csrf: String
    let version: String
    let path: String
    /// Agents work on wide screens (lists, files side by side): their pages use the width; the
    /// applicant's pages keep a reading measure, on a phone and on a desk alike.
    let wide: Bool
}

extension Request {
    func layoutContext(title: String) -> LayoutContext {
        let account = auth.get(Account.self)
        return LayoutContext(
            title: title,
            signedIn: account.map {
                .init(
                    displayName: $0.displayName, roleLabel: $0.role.label, role: $0.role.rawValue, can: .init($0.role))
            },
            csrf: csrfToken, version: LogisVersion.current, path: url.path,
            wide: account.map { $0.role != .demandeur } ?? false)
    }
}
