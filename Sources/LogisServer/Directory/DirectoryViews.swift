import LogisCore
import Vapor

/// Values the directory pages and API show, built from the models.
struct GuichetView: Codable, Sendable {
    let name: String
    let kind: String
    let kindLabel: String
    let street: String?
    let postalCode: String?
    let city: String
    let email: String?
    let phone: String?
    /// Digits only, for `tel:` links.
    let phoneLink: String?
    let hours: String?
    let notes: String?

    init(_ guichet: Guichet) {
        name = guichet.name
        kind = guichet.kind
        kindLabel = guichet.guichetKind.label
        street = guichet.street
        postalCode = guichet.postalCode
        city = guichet.city
        email = guichet.email
        phone = guichet.phone
        phoneLink = guichet.phone.map { $0.filter(\.isNumber) }
        hours = guichet.hours
        notes = guichet.notes
    }
}

struct CityGuichets: Codable, Sendable {
    let city: String
    let guichets: [GuichetView]
}

/// Only web addresses become links: a `javascript:` URL in data must never reach an `href`.
extension OrganisationView {
    static func safeLink(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }
}

struct OrganisationView: Codable, Sendable {
    let name: String
    let kind: String
    let address: String?
    let phone: String?
    let website: String?
    let notes: String?

    init(_ organisation: Organisation) {
        name = organisation.name
        kind = organisation.kind
        address = organisation.address
        phone = organisation.phone
        website = organisation.website.flatMap(Self.safeLink)
        notes = organisation.notes
    }
}

struct TerritoryView: Content {
    let slug: String
    let name: String
    let epciName: String
    let departement: String
    /// « Gard (30) », what a page shows; `departement` keeps the code for programs.
    let departementLabel: String
    let zone: String
    let summary: String
    let phone: String?
    let website: String?
    let communes: [String]
    /// The same communes with their INSEE code: what a request's wishes name (`commune1`…`commune3`).
    let communeDetails: [CommuneDetail]
    let cities: [CityGuichets]
    let bailleurs: [OrganisationView]
    let reservataires: [OrganisationView]

    init(_ territory: Territory, onlyCity: String? = nil) {
        slug = territory.slug
        name = territory.name
        epciName = territory.epciName
        departement = territory.departement
        departementLabel = Departement.label(of: territory.departement)
        zone = territory.zone
        summary = territory.summary
        phone = territory.phone
        website = territory.website.flatMap(OrganisationView.safeLink)
        let sortedCommunes = territory.communes.sorted {
            $0.name.localizedStandardCompare($1.name) == .orderedAscending
        }
        communes = sortedCommunes.map(\.name)
        communeDetails = sortedCommunes.compactMap { commune in
            commune.inseeCode.map { CommuneDetail(code: $0, name: commune.name, postalCode: commune.postalCode) }
        }
        let guichets = Self.eachDeskOnce(territory.guichets.filter { onlyCity == nil || $0.city == onlyCity })
        let byCity = Dictionary(grouping: guichets, by: \.city)
        cities = byCity.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }.map { city in
            let sorted = (byCity[city] ?? []).sorted { ($0.kind, $0.name) < ($1.kind, $1.name) }
            return CityGuichets(city: city, guichets: sorted.map(GuichetView.init))
        }
        let organisations = territory.organisations.sorted { $0.name < $1.name }
        bailleurs = organisations.filter { $0.kind == Organisation.Kind.bailleur.rawValue }.map(OrganisationView.init)
        reservataires = organisations.filter { $0.kind == Organisation.Kind.reservataire.rawValue }
            .map(OrganisationView.init)
    }
}

extension TerritoryView {
    /// A desk that both welcomes and registers is stored once per role (its agents belong to one or
    /// the other); a person looks for a place, so it is listed once, as the registering desk it
    /// also is (a registering desk welcomes too).
    static func eachDeskOnce(_ guichets: [Guichet]) -> [Guichet] {
        let place = { (guichet: Guichet) in
            [guichet.name, guichet.street ?? "", guichet.postalCode ?? "", guichet.city]
                .map { $0.lowercased() }.joined(separator: "|")
        }
        var kept: [String: Guichet] = [:]
        var order: [String] = []
        for guichet in guichets {
            let key = place(guichet)
            guard let seen = kept[key] else {
                kept[key] = guichet
                order.append(key)
                continue
            }
            if guichet.kind == Guichet.Kind.enregistrement.rawValue, seen.kind != guichet.kind { kept[key] = guichet }
        }
        return order.compactMap { kept[$0] }
    }
}

struct CommuneDetail: Content {
    let code: String
    let name: String
    let postalCode: String
}
