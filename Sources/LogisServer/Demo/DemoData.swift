import Fluent
import Vapor

/// Loads the demo territories, desks, partners and one account per role. Idempotent: each row is
/// looked up by its natural key first, so running it twice changes nothing.
enum DemoData {
    static let password = "logis-demo-2026"

    struct DemoAccount {
        let role: Role
        let email: String
        let name: String
        /// Agents work for a territory and, for desks, at one guichet (its code closes their NUDs).
        let territory: String?
        let desk: String?
    }

    static func email(for role: Role) -> String { "\(role.rawValue)@demo.logis.fr" }

    static let pc = DemoTerritories.petiteCamargue.slug

    static let accounts: [DemoAccount] = [
        .init(role: .demandeur, email: email(for: .demandeur), name: "Camille Démo", territory: nil, desk: nil),
        .init(
            role: .accueil, email: email(for: .accueil), name: "Agent d’accueil (démo)", territory: pc,
            desk: "CCAS de Vauvert"),
        .init(
            role: .enregistreur, email: email(for: .enregistreur), name: "Agent enregistreur (démo)", territory: pc,
            desk: "France Services Petite Camargue"),
        .init(
            role: .enregistreur, email: "enregistreur.libercourt@demo.logis.fr",
            name: "Agent enregistreur de Libercourt (démo)", territory: DemoTerritories.libercourt.slug,
            desk: DemoTerritories.libercourt.desks.first?.name),
        .init(
            role: .travailleurSocial, email: email(for: .travailleurSocial), name: "Travailleur social (démo)",
            territory: pc, desk: nil),
        .init(
            role: .bailleur, email: email(for: .bailleur), name: "Gestionnaire bailleur (démo)", territory: pc,
            desk: nil),
        .init(role: .caleol, email: email(for: .caleol), name: "Membre de CALEOL (démo)", territory: pc, desk: nil),
        .init(
            role: .reservataire, email: email(for: .reservataire), name: "Réservataire (démo)", territory: pc, desk: nil
        ),
        .init(role: .epci, email: email(for: .epci), name: "Administrateur EPCI (démo)", territory: pc, desk: nil),
        .init(
            role: .admin, email: email(for: .admin), name: "Administrateur plateforme (démo)", territory: nil, desk: nil
        ),
    ]

    static var accountsBanner: String {
        var lines = ["Comptes de démonstration (mot de passe : \(password)) :"]
        for account in accounts {
            lines.append("  • \(account.email) — \(account.role.label)")
        }
        return lines.joined(separator: "\n")
    }

    static func load(on app: Application) async throws {
        let db = app.db
        var territoryIDs: [String: UUID] = [:]
        for place in DemoTerritories.all {
            territoryIDs[place.slug] = try await load(place, on: db)
        }
        let hash = try app.password.hash(password)
        for demo in accounts {
            guard try await Account.query(on: db).filter(\.$email == demo.email).first() == nil else { continue }
            let territoryID = demo.territory.flatMap { territoryIDs[$0] }
            let account = Account(
                email: demo.email, passwordHash: hash, role: demo.role, displayName: demo.name,
                territoryID: territoryID,
                emailConfirmedAt: app.clock.now)
            if let desk = demo.desk, let territoryID {
                account.$guichet.id = try await Guichet.query(on: db).filter(\.$territory.$id == territoryID)
                    .filter(\.$name == desk).first()?.id
            }
            try await account.create(on: db)
        }
    }

    private static func load(_ place: DemoTerritories.Place, on db: any Database) async throws -> UUID {
        if let existing = try await Territory.query(on: db).filter(\.$slug == place.slug).first() {
            if existing.cotationGrid == nil {
                existing.cotationGrid = place.cotationGrid
                try await existing.save(on: db)
            }
            return try existing.requireID()
        }
        return try await db.transaction { db in
            let territory = Territory(
                slug: place.slug, name: place.name, epciName: place.epciName, departement: place.departement,
                zone: place.zone, summary: place.summary, phone: place.phone, website: place.website)
            territory.cotationGrid = place.cotationGrid
            try await territory.create(on: db)
            let id = try territory.requireID()
            for commune in place.communes {
                try await Commune(territoryID: id, name: commune.name, postalCode: commune.postalCode).create(on: db)
            }
            for desk in place.desks {
                try await Guichet(
                    territoryID: id, kind: desk.kind, name: desk.name, street: desk.street, postalCode: desk.postalCode,
                    city: desk.city, email: desk.email, phone: desk.phone, hours: desk.hours, deskCode: desk.deskCode,
                    notes: desk.notes
                ).create(on: db)
            }
            for partner in place.partners {
                try await Organisation(
                    territoryID: id, kind: partner.kind, name: partner.name, address: partner.address,
                    phone: partner.phone, website: partner.website, notes: partner.notes
                ).create(on: db)
            }
            return id
        }
    }
}

extension Application {
    /// Loads the demo territories, desks and accounts, and with `requests` the demo applicant's
    /// request and the generated requests (as `logis seed demo` does).
    public func loadDemoData(requests: Bool = false) async throws {
        try await DemoData.load(on: self)
        try await DemoStock.load(on: self)
        try await DemoReservataires.load(on: db, year: clock.today.year)
        if requests { try await DemoRequests.load(on: self, today: clock.today) }
    }
}
