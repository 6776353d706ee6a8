import Foundation
import LogisCore
import SQLKit

/// Résidences of 25 dwellings, each in a commune of its territory drawn towards the most demanded
/// (where the stock is), with the typology, financing and contingent mix of a social-housing stock.
/// Dwelling `j` is in résidence `j / 25`, which belongs to territory `(j / 25) % T`.
struct GeneratedStockBatch: GeneratedBatch {
    static let perResidence = 25
    static let residenceColumns = [
        "id", "organisation_id", "territory_id", "commune_id", "reference", "name", "address", "qpv",
    ]
    static let dwellingColumns = [
        "id", "residence_id", "organisation_id", "reference", "typology", "surface", "floor", "elevator",
        "accessibility", "financing", "rent", "charges", "reservataire", "occupancy",
    ]
    static let typologies = ["T1", "T2", "T2", "T3", "T3", "T3", "T4", "T4", "T5"]
    static let surfaces = ["T1": 28, "T2": 45, "T3": 65, "T4": 80, "T5": 95]
    static let reservataires = ["bailleur", "bailleur", "etat", "etat", "action_logement", "commune", "epci"]

    var residences: [[any CopyTextValue]] = []
    var dwellings: [[any CopyTextValue]] = []

    static func dwellingID(seed: UInt64, index: Int) -> UUID {
        GeneratorRandom.uuid(seed: seed, stream: .dwelling, index: index)
    }

    static func residenceID(seed: UInt64, index: Int) -> UUID {
        GeneratorRandom.uuid(seed: seed, stream: .residence, index: index)
    }

    /// `range` starts on a résidence boundary (batches are multiples of 25).
    static func build(_ range: Range<Int>, seed: UInt64, directory: GeneratedDirectory) -> GeneratedStockBatch {
        var batch = GeneratedStockBatch()
        let territories = directory.places.count
        for index in range {
            let residence = index / perResidence
            let place = directory.places[residence % territories]
            let residenceID = residenceID(seed: seed, index: residence)
            if index % perResidence == 0 {
                var random = GeneratorRandom(seed: seed, stream: .residence, index: residence)
                let commune = place.communes[random.zipf(place.communes.count, harmonic: place.harmonic)]
                batch.residences.append([
                    residenceID, place.organisationID, place.territoryID, commune.id, "RG\(residence + 1)",
                    "Résidence générée \(residence + 1)", "\(random.int(1...200)) avenue \(commune.name)",
                    random.chance(20),
                ])
            }
            var random = GeneratorRandom(seed: seed, stream: .dwelling, index: index)
            let typology = random.pick(typologies)
            let surface = (surfaces[typology] ?? 60) + random.int(-8...12)
            let floor = random.int(0...6)
            let elevator = floor > 2 ? random.chance(80) : random.chance(30)
            let financing = random.int(1...100)
            let code = financing <= 25 ? "plai" : financing <= 85 ? "plus" : "pls"
            let perSquareMetre = code == "plai" ? 5.6 : code == "plus" ? 6.4 : 9.5
            batch.dwellings.append([
                dwellingID(seed: seed, index: index), residenceID, place.organisationID, "LG\(index + 1)", typology,
                surface, floor, elevator, floor == 0 || elevator ? random.int(0...2) : 0, code,
                Int(perSquareMetre * Double(surface)), random.int(40...160), random.pick(reservataires),
                StockDwelling.Occupancy.occupied.rawValue,
            ])
        }
        return batch
    }

    var count: Int { dwellings.count }

    func write(on sql: any SQLDatabase) async throws {
        try await GeneratedRows.insert(into: Residence.schema, columns: Self.residenceColumns, residences, on: sql)
        try await GeneratedRows.insert(into: StockDwelling.schema, columns: Self.dwellingColumns, dwellings, on: sql)
    }

    func copy() throws -> CopyBatch {
        var batch = CopyBatch()
        try batch.append(Residence.schema, columns: Self.residenceColumns, rows: residences)
        try batch.append(StockDwelling.schema, columns: Self.dwellingColumns, rows: dwellings)
        return batch
    }
}
