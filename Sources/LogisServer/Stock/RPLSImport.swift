import Fluent
import Foundation
import LogisCore

/// `logis import rpls FILE.csv`: the stock as the RPLS open data describes it. Unlike a bailleur's
/// own file (StockImport), a national extract always has bad lines: each is reported with its
/// number and reason and skipped, the good ones are written. Lines become résidences (one per
/// address) and dwellings with references derived from the file, so importing it again updates
/// them instead of adding them twice.
enum RPLSImport {
    struct LineProblem: Equatable, Sendable, CustomStringConvertible {
        let line: Int
        let reason: String

        var description: String { "ligne \(line) : \(reason)" }
    }

    struct Reading: Sendable {
        var lines: [RPLSLine] = []
        var problems: [LineProblem] = []
    }

    /// Reads every line; a file whose header lacks a needed column is refused whole.
    static func parse(
        _ text: String, knownCommunes: Set<String>, bailleurs: Set<String>, defaultBailleur: String?
    ) throws(StockImport.Failure) -> Reading {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.parse(text, delimiter: firstLine.contains(";") ? ";" : ",")
        } catch {
            throw .unreadable(
                "Le fichier n’est pas un CSV lisible : guillemets non fermés depuis la ligne \(error.line).")
        }
        guard let headerRecord = records.first else { throw .unreadable("Le fichier est vide.") }
        let header = headerRecord.fields.map {
            $0.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{FEFF}"))).lowercased()
        }
        var positions: [RPLSLine.Column: Int] = [:]
        for column in RPLSLine.Column.allCases {
            positions[column] = column.names.lazy.compactMap { header.firstIndex(of: $0) }.first
        }
        let missing = RPLSLine.Column.required.filter { positions[$0] == nil }
        guard missing.isEmpty else {
            throw .invalid(
                missing.map {
                    StockImport.LineProblem(
                        line: 1, column: $0.names.joined(separator: " ou "), reason: "colonne absente de l’en-tête")
                })
        }
        if positions[.bailleur] == nil, defaultBailleur == nil {
            throw .invalid([
                StockImport.LineProblem(
                    line: 1, column: "bailleur",
                    reason: "le fichier ne nomme pas le bailleur : indiquez-le avec --bailleur \"Nom\"")
            ])
        }
        var reading = Reading()
        for record in records.dropFirst() where record.fields.contains(where: { !$0.isEmpty }) {
            let number = record.line
            let fields = record.fields
            guard fields.count >= header.count else {
                reading.problems.append(
                    LineProblem(
                        line: number,
                        reason:
                            "ligne incomplète : \(fields.count) champ(s) au lieu de \(header.count) (colonne manquante)"
                    ))
                continue
            }
            do throws(RPLSLine.Problem) {
                reading.lines.append(
                    try line(
                        number, fields, positions, knownCommunes: knownCommunes, bailleurs: bailleurs,
                        defaultBailleur: defaultBailleur))
            } catch {
                reading.problems.append(LineProblem(line: number, reason: error.reason))
            }
        }
        return reading
    }

    private static func line(
        _ number: Int, _ fields: [String], _ positions: [RPLSLine.Column: Int], knownCommunes: Set<String>,
        bailleurs: Set<String>, defaultBailleur: String?
    ) throws(RPLSLine.Problem) -> RPLSLine {
        func value(_ column: RPLSLine.Column) -> String {
            positions[column].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let named = value(.bailleur)
        let bailleur = named.isEmpty ? (defaultBailleur ?? "") : named
        guard bailleurs.contains(bailleur.lowercased()) else {
            throw RPLSLine.Problem(
                reason: bailleur.isEmpty
                    ? "bailleur absent (colonne vide et pas d’option --bailleur)"
                    : "bailleur « \(bailleur) » inconnu de l’annuaire de Logis")
        }
        let address = [value(.streetNumber), value(.repeatIndex), value(.streetType), value(.streetName)]
            .filter { !$0.isEmpty }.joined(separator: " ")
        return RPLSLine(
            number: number, communeCode: try RPLSLine.communeCode(value(.commune), known: knownCommunes),
            bailleur: bailleur, address: String(address.prefix(200)), qpv: try RPLSLine.qpv(value(.qpv)),
            typology: try RPLSLine.typology(value(.rooms)), financing: try RPLSLine.financing(value(.financing)),
            surface: try RPLSLine.whole(value(.surface), 9...400, "surface habitable (SURFHAB)"),
            floor: try RPLSLine.floor(value(.floor)),
            rent: try RPLSLine.whole(value(.rent), 1...5_000, "loyer principal (LOYERPRINC)"),
            identifier: try RPLSLine.identifier(value(.identifier)), count: try RPLSLine.count(value(.count)))
    }

    /// FNV-1a, 64 bits: a short, stable digest of a line's description (the same on every run and
    /// machine, unlike `hashValue`).
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func residenceReference(_ line: RPLSLine) -> String {
        "RPLS-\(line.communeCode)-\(digest(line.address.lowercased()).prefix(12))"
    }

    /// The references of a line's dwellings: its identifier, or a digest of what describes it
    /// with its rank among identical lines of the file; `-1`, `-2`… for a group's dwellings.
    static func dwellingReferences(_ lines: [RPLSLine]) -> [[String]] {
        var seen: [String: Int] = [:]
        return lines.map { line in
            let base: String
            if let identifier = line.identifier {
                base = identifier
            } else {
                let key = [
                    line.communeCode, line.address.lowercased(), String(line.floor), line.typology.code,
                    String(line.surface),
                ].joined(separator: "|")
                seen[key, default: 0] += 1
                base = "RPLS-\(digest(key))-\(seen[key] ?? 1)"
            }
            return line.count == 1 ? [base] : (1...line.count).map { "\(base)-\($0)" }
        }
    }
}
