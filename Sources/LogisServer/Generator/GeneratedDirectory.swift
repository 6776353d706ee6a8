import Fluent
import Foundation
import LogisCore
import Vapor

/// The territories of a generated dataset, each with its communes, one registering desk and one
/// bailleur, written through the directory's models (a few thousand rows) and found again by
/// slug on a rerun. Generated communes take INSEE numbers 100–999 of départements the demo does
/// not use (30 and 62 are the demo's), so a generated request never wishes a demo commune.
struct GeneratedDirectory: Sendable {
    struct Place: Sendable {
        let territoryID: UUID
        let departement: String
        let deskCode: String
        let organisationID: UUID
        let communes: [Commune]
        let choices: [CommuneList.Entry]
        /// INSEE code → commune id, for the wishes' rows.
        let communeIDs: [String: UUID]
        let facts: RankingContext.TerritoryFacts
        let harmonic: Double
        let gridKey: String
    }

    let places: [Place]

    static let maximumTerritories = 2_000
    static let communesPerTerritory = 8...40
    static let departements: [String] = (1...95).filter { ![20, 30, 62].contains($0) }.map {
        String(format: "%03d", $0)
    }
    static let gridKey = "petite-camargue"

    static func slug(seed: UInt64, territory: Int) -> String { "gen-\(seed)-\(territory + 1)" }

    /// `G` and the territory's number in base 36: five characters, as a NUD's desk code must be.
    static func deskCode(_ territory: Int) -> String {
        let digits = String(territory, radix: 36, uppercase: true)
        return "G" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func load(territories count: Int, seed: UInt64, on db: any Database) async throws -> GeneratedDirectory {
        guard (1...maximumTerritories).contains(count) else {
            throw ConfigurationError(message: "Nombre de territoires hors limites : 1 à \(maximumTerritories).")
        }
        var places: [Place] = []
        places.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: 100) {
            let range = start..<min(count, start + 100)
            places += try await db.transaction { db in
                var chunk: [Place] = []
                for t in range { chunk.append(try await place(t, seed: seed, on: db)) }
                return chunk
            }
        }
        return GeneratedDirectory(places: places)
    }

    private static func place(_ t: Int, seed: UInt64, on db: any Database) async throws -> Place {
        let slug = slug(seed: seed, territory: t)
        let departement = departements[t % departements.count]
        let slot = t / departements.count
        var random = GeneratorRandom(seed: seed, stream: .territory, index: t)
        let zone: Zone = t % 50 == 7 ? .paris : (t % 10 == 3 ? .idf : .autresRegions)
        let territory: Territory
        if let found = try await Territory.query(on: db).filter(\.$slug == slug).first() {
            territory = found
        } else {
            territory = Territory(
                slug: slug, name: "Territoire généré \(t + 1)", epciName: "EPCI généré \(t + 1)",
                departement: departement, zone: zone.code,
                summary: "Territoire de données synthétiques (logis generate, graine \(seed)).")
            territory.cotationGrid = gridKey
            territory.id = GeneratorRandom.uuid(seed: seed, stream: .territory, index: t)
            try await territory.create(on: db)
            let id = try territory.requireID()
            let count = random.int(communesPerTerritory)
            let short = departement.dropFirst()
            let communes = (0..<count).map { k in
                let commune = Commune(
                    territoryID: id, name: "Commune \(t + 1)-\(k + 1)",
                    postalCode: "\(short)\(String(format: "%03d", k))")
                commune.inseeCode = "\(short)\(100 + slot * 40 + k)"
                commune.id = GeneratorRandom.uuid(seed: seed, stream: .territory, index: t, part: k + 1)
                return commune
            }
            try await communes.create(on: db)
            let desk = Guichet(
                territoryID: id, kind: .enregistrement, name: "Guichet généré \(t + 1)", street: nil, postalCode: nil,
                city: communes[0].name, email: nil, phone: nil, hours: nil, deskCode: deskCode(t))
            desk.id = GeneratorRandom.uuid(seed: seed, stream: .territory, index: t, part: 1_000)
            try await desk.create(on: db)
            let bailleur = Organisation(
                territoryID: id, kind: .bailleur, name: "Bailleur généré \(t + 1)", address: nil, phone: nil)
            bailleur.id = GeneratorRandom.uuid(seed: seed, stream: .territory, index: t, part: 1_001)
            try await bailleur.create(on: db)
        }
        let id = try territory.requireID()
        // Most demanded first: the order of creation is the order of demand.
        let communes = try await Commune.query(on: db).filter(\.$territory.$id == id).all()
            .sorted { ($0.inseeCode ?? "") < ($1.inseeCode ?? "") }
        guard
            let organisation = try await Organisation.query(on: db).filter(\.$territory.$id == id)
                .filter(\.$kind == Organisation.Kind.bailleur.rawValue).first(),
            let zoneValue = Zone(code: territory.zone), !communes.isEmpty
        else { throw ConfigurationError(message: "Territoire généré incomplet : \(slug).") }
        let choices = communes.compactMap { commune in
            commune.inseeCode.map {
                CommuneList.Entry(
                    code: $0, name: commune.name, postalCode: commune.postalCode, territoryID: id)
            }
        }
        return Place(
            territoryID: id, departement: territory.departement, deskCode: deskCode(t),
            organisationID: try organisation.requireID(), communes: communes, choices: choices,
            communeIDs: Dictionary(
                communes.compactMap { c in c.id.flatMap { id in c.inseeCode.map { ($0, id) } } },
                uniquingKeysWith: { a, _ in a }),
            facts: RankingContext.TerritoryFacts(zone: zoneValue, communeCodes: Set(choices.map(\.code))),
            harmonic: GeneratorRandom.harmonic(communes.count), gridKey: territory.cotationGrid ?? gridKey)
    }
}
