import Fluent
import Foundation
import LogisCore

extension RPLSImport {
    /// What RPLS does not say takes the stock's plainest value: no elevator known, accessible
    /// without stairs only on the ground floor, no charges, and the bailleur's own contingent
    /// (the réservataire of each dwelling is set in Logis afterwards).
    static func fields(_ line: RPLSLine, reference: String) -> StockDwellingFields {
        StockDwellingFields(
            reference: reference, typology: line.typology, surface: line.surface, floor: line.floor, elevator: false,
            accessibility: line.floor == 0 ? .reachableWithoutStairs : .none, financing: line.financing,
            rent: line.rent, charges: 0, reservataire: .bailleur)
    }

    /// Writes the good lines in one transaction, matching résidences and dwellings on their
    /// references within each bailleur; `progress` gets the lines done.
    static func apply(
        _ lines: [RPLSLine], on db: any Database, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> StockImport.Outcome {
        let communes = try await Commune.query(on: db).filter(\.$inseeCode ~~ Set(lines.map(\.communeCode))).all()
        let names = Set(lines.map { $0.bailleur.lowercased() })
        let organisations = try await Organisation.query(on: db)
            .filter(\.$kind == Organisation.Kind.bailleur.rawValue).all()
            .filter { names.contains($0.name.lowercased()) }
        let references = dwellingReferences(lines)
        return try await db.transaction { db in
            var outcome = StockImport.Outcome()
            var residences: [String: Residence] = [:]
            var known: [UUID: Set<String>] = [:]
            for (done, (line, lineReferences)) in zip(lines, references).enumerated() {
                defer { progress(done + 1) }
                guard let commune = communes.first(where: { $0.inseeCode == line.communeCode }) else { continue }
                // The bailleur of the commune's territory when it has one there, else the first of that name.
                let named = organisations.filter { $0.name.lowercased() == line.bailleur.lowercased() }
                guard
                    let organisation = named.first(where: { $0.$territory.id == commune.$territory.id }) ?? named.first
                else { continue }
                let organisationID = try organisation.requireID()
                let residence = try await residenceFor(
                    line, organisationID: organisationID, commune: commune, cache: &residences, outcome: &outcome,
                    on: db)
                if known[organisationID] == nil {
                    known[organisationID] = Set(
                        try await StockDwelling.query(on: db).filter(\.$organisation.$id == organisationID)
                            .field(\.$id).field(\.$reference).all().map(\.reference))
                }
                for reference in lineReferences {
                    let row = fields(line, reference: reference)
                    if known[organisationID]?.contains(reference) == true,
                        let dwelling = try await StockDwelling.query(on: db)
                            .filter(\.$organisation.$id == organisationID).filter(\.$reference == reference).first()
                    {
                        dwelling.$residence.id = try residence.requireID()
                        dwelling.apply(row)
                        try await dwelling.save(on: db)
                        outcome.dwellingsUpdated += 1
                    } else {
                        try await StockDwelling(residence: residence, row: row).create(on: db)
                        known[organisationID, default: []].insert(reference)
                        outcome.dwellingsCreated += 1
                    }
                }
            }
            return outcome
        }
    }

    private static func residenceFor(
        _ line: RPLSLine, organisationID: UUID, commune: Commune, cache: inout [String: Residence],
        outcome: inout StockImport.Outcome, on db: any Database
    ) async throws -> Residence {
        let reference = residenceReference(line)
        let key = "\(organisationID)|\(reference)"
        if let cached = cache[key] { return cached }
        let address = line.address.isEmpty ? "Adresse non renseignée, \(commune.name)" : line.address
        if let existing = try await Residence.query(on: db).filter(\.$organisation.$id == organisationID)
            .filter(\.$reference == reference).first()
        {
            existing.qpv = line.qpv
            try await existing.save(on: db)
            cache[key] = existing
            return existing
        }
        let residence = Residence(
            organisationID: organisationID, territoryID: commune.$territory.id, communeID: try commune.requireID(),
            reference: reference, name: String("\(address) (RPLS)".prefix(120)), address: address, qpv: line.qpv)
        try await residence.create(on: db)
        outcome.residencesCreated += 1
        cache[key] = residence
        return residence
    }
}
