import Fluent
import Foundation
import LogisCore
import SwiftCSV

/// `logis import stock FILE.csv`: a bailleur's stock from a spreadsheet (docs/OPERATIONS.md lists
/// the columns). The file is read whole and checked first: one bad line and nothing is imported,
/// every bad line is reported (line, column, reason). Résidences and dwellings are matched on
/// their reference within the bailleur: an import updates what exists and adds the rest.
enum StockImport {
    static let residenceColumns = ["residence_reference", "residence_name", "address", "commune_insee", "qpv"]
    static var columns: [String] { residenceColumns + StockDwellingFields.columns }

    struct LineProblem: Equatable, Sendable, CustomStringConvertible {
        let line: Int
        let column: String
        let reason: String

        var description: String { "ligne \(line), colonne « \(column) » : \(reason)" }
    }

    struct Line: Sendable {
        let number: Int
        let residenceReference: String
        let residenceName: String
        let address: String
        let communeCode: String
        let qpv: Bool
        let dwelling: StockDwellingFields
    }

    enum Failure: Error, Equatable {
        case unreadable(String)
        case invalid([LineProblem])
    }

    /// Text in UTF-8 (with or without a byte order mark) or, as Excel's « CSV (séparateur :
    /// point-virgule) » writes it in France, in Windows-1252.
    static func text(of data: Data) throws(Failure) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        if let text = String(data: data, encoding: .windowsCP1252) { return text }
        throw .unreadable("Le fichier n’est ni en UTF-8 ni en Windows-1252.")
    }

    /// Reads and checks every line; the delimiter is `;` when the header has one, `,` otherwise.
    static func parse(_ text: String, knownCommunes: Set<String>) throws(Failure) -> [Line] {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: CSVDelimiter = firstLine.contains(";") ? .semicolon : .comma
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: delimiter, loadColumns: false)
        } catch {
            throw .unreadable("Le fichier n’est pas un CSV lisible (guillemets non fermés ?).")
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw .invalid(missing.map { LineProblem(line: 1, column: $0, reason: "colonne absente de l’en-tête") })
        }
        var problems: [LineProblem] = []
        var lines: [Line] = []
        var references: [String: Int] = [:]
        for (index, fields) in csv.rows.enumerated() where fields.contains(where: { !$0.isEmpty }) {
            let number = index + 2
            func value(_ column: String) -> String? {
                header.firstIndex(of: column).flatMap { fields.indices.contains($0) ? fields[$0] : nil }?
                    .trimmingCharacters(in: .whitespaces)
            }
            var lineProblems: [LineProblem] = []
            let residence = value("residence_reference") ?? ""
            if residence.isEmpty || residence.count > 40 {
                lineProblems.append(
                    LineProblem(line: number, column: "residence_reference", reason: "référence de 1 à 40 caractères"))
            }
            let name = value("residence_name") ?? ""
            if name.isEmpty || name.count > 120 {
                lineProblems.append(
                    LineProblem(line: number, column: "residence_name", reason: "nom de 1 à 120 caractères"))
            }
            let address = value("address") ?? ""
            if address.isEmpty || address.count > 200 {
                lineProblems.append(
                    LineProblem(line: number, column: "address", reason: "adresse de 1 à 200 caractères"))
            }
            let commune = value("commune_insee") ?? ""
            if !knownCommunes.contains(commune) {
                lineProblems.append(
                    LineProblem(
                        line: number, column: "commune_insee", reason: "code INSEE inconnu des territoires de Logis"))
            }
            let qpv = StockDwellingFields.yesNo(value("qpv") ?? "")
            if qpv == nil {
                lineProblems.append(LineProblem(line: number, column: "qpv", reason: "oui ou non attendu"))
            }
            switch StockDwellingFields.parse(value) {
            case .failure(let found):
                lineProblems += found.items.map { LineProblem(line: number, column: $0.column, reason: $0.reason) }
            case .success(let dwelling):
                if let earlier = references[dwelling.reference] {
                    lineProblems.append(
                        LineProblem(
                            line: number, column: "reference", reason: "référence déjà utilisée ligne \(earlier)"))
                } else {
                    references[dwelling.reference] = number
                }
                if lineProblems.isEmpty, let qpv {
                    lines.append(
                        Line(
                            number: number, residenceReference: residence, residenceName: name, address: address,
                            communeCode: commune, qpv: qpv, dwelling: dwelling))
                }
            }
            problems += lineProblems
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return lines
    }

    struct Outcome: Equatable, Sendable {
        var residencesCreated = 0
        var dwellingsCreated = 0
        var dwellingsUpdated = 0
    }

    /// Writes the checked lines for the bailleur, in one transaction; `progress` gets the lines done.
    static func apply(
        _ lines: [Line], to organisation: Organisation, on db: any Database,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Outcome {
        let organisationID = try organisation.requireID()
        let communes = try await Commune.query(on: db).filter(\.$inseeCode ~~ Set(lines.map(\.communeCode))).all()
        return try await db.transaction { db in
            var outcome = Outcome()
            var residences: [String: Residence] = [:]
            for existing in try await Residence.query(on: db).filter(\.$organisation.$id == organisationID).all() {
                residences[existing.reference] = existing
            }
            for (done, line) in lines.enumerated() {
                guard let commune = communes.first(where: { $0.inseeCode == line.communeCode }) else { continue }
                let residence: Residence
                if let known = residences[line.residenceReference] {
                    residence = known
                } else {
                    residence = Residence(
                        organisationID: organisationID, territoryID: commune.$territory.id,
                        communeID: try commune.requireID(),
                        reference: line.residenceReference, name: line.residenceName, address: line.address,
                        qpv: line.qpv)
                    try await residence.create(on: db)
                    residences[line.residenceReference] = residence
                    outcome.residencesCreated += 1
                }
                if let dwelling = try await StockDwelling.query(on: db).filter(\.$organisation.$id == organisationID)
                    .filter(\.$reference == line.dwelling.reference).first()
                {
                    dwelling.$residence.id = try residence.requireID()
                    dwelling.apply(line.dwelling)
                    try await dwelling.save(on: db)
                    outcome.dwellingsUpdated += 1
                } else {
                    try await StockDwelling(residence: residence, row: line.dwelling).create(on: db)
                    outcome.dwellingsCreated += 1
                }
                progress(done + 1)
            }
            return outcome
        }
    }
}
