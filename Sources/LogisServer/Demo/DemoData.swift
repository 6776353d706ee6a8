import Fluent
import Vapor

/// Loads the demo territories, desks, partners and one account per role. Idempotent: each row is
/// looked up by its natural key first, so running it twice changes nothing.
enum DemoData {
    static let password = "logis-demo-2026"
    static let accountTerritory = DemoTerritories.petiteCamargue.slug

    static let accounts: [(role: Role, name: String)] = [
        (.demandeur, "Camille Démo"),
        (.accueil, "Agent d’accueil (démo)"),
        (.enregistreur, "Agent enregistreur (démo)"),
        (.travailleurSocial, "Travailleur social (démo)"),
        (.bailleur, "Gestionnaire bailleur (démo)"),
        (.caleol, "Membre de CALEOL (démo)"),
        (.reservataire, "Réservataire (démo)"),
        (.epci, "Administrateur EPCI (démo)"),
        (.admin, "Administrateur plateforme (démo)"),
    ]

    static func email(for role: Role) -> String { "\(role.rawValue)@demo.logis.fr" }

    static var accountsBanner: String {
        var lines = ["Comptes de démonstration (mot de passe : \(password)) :"]
        for (role, _) in accounts {
            lines.append("  • \(email(for: role)) — \(role.label)")
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
        for (role, name) in accounts {
            let email = email(for: role)
            guard try await Account.query(on: db).filter(\.$email == email).first() == nil else { continue }
            let territoryID = role == .demandeur || role == .admin ? nil : territoryIDs[accountTerritory]
            let account = Account(
                email: email, passwordHash: hash, role: role, displayName: name, territoryID: territoryID)
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
        if requests { try await DemoRequests.load(on: self) }
    }
}
