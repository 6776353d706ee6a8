import Foundation

/// The data file of one year and zone (`Resources/ceilings/2024-autres-regions.json`):
///
/// ```json
/// {"year": 2024, "zone": "autres-regions", "source": "Arrêté du 29 juillet 1987, annexe I…",
///  "plus": {"categories": [22642, …], "extraPerson": 6492},
///  "plai": {"categories": [12452, …], "extraPerson": 3569}}
/// ```
///
/// `plai` is absent when no official table is known (it is then reported as missing, never
/// guessed); `pls` is absent when only PLUS is published (it is then PLUS × 1.30).
public struct CeilingsFile: Sendable, Equatable, Codable {
    public let year: Int
    public let zone: Zone
    public let source: String
    public let plai: CeilingTable?
    public let plus: CeilingTable
    public let pls: CeilingTable?

    public init(
        year: Int, zone: Zone, source: String, plai: CeilingTable?, plus: CeilingTable, pls: CeilingTable? = nil
    ) {
        self.year = year
        self.zone = zone
        self.source = source
        self.plai = plai
        self.plus = plus
        self.pls = pls
    }

    /// Years a ceilings table can be given for (the arrêté dates from 1987).
    public static let acceptedYears = 1987...2100

    /// The file name the table is stored under: `2024-autres-regions.json`.
    public var fileName: String { "\(year)-\(zone.code).json" }

    /// Decodes and validates a table file (shape, year, zone, amounts, source): the check run
    /// by `logis rules import-ceilings` before a table is added, and at every catalog load.
    public static func validated(from data: Data) throws(RuleError) -> CeilingsFile {
        let file: CeilingsFile
        do {
            file = try JSONDecoder().decode(CeilingsFile.self, from: data)
        } catch let error as DecodingError {
            throw invalid(describe(error))
        } catch {
            throw invalid("JSON illisible.")
        }
        try file.validate()
        return file
    }

    func validate() throws(RuleError) {
        guard Self.acceptedYears.contains(year) else {
            throw Self.invalid(
                "l'année \(year) est hors de la période \(Self.acceptedYears.lowerBound)–\(Self.acceptedYears.upperBound)."
            )
        }
        guard !source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Self.invalid("la source (texte officiel) est obligatoire.")
        }
        try plus.validate(.plus)
        if let plai {
            try plai.validate(.plai)
            // The PLAI is the most social financing: its ceilings are never above PLUS ones.
            guard plai.isBelowOrEqual(plus) else {
                throw Self.invalid("un plafond PLAI dépasse le plafond PLUS de la même catégorie.")
            }
        }
        if let pls {
            try pls.validate(.pls)
            guard plus.isBelowOrEqual(pls) else {
                throw Self.invalid("un plafond PLS est inférieur au plafond PLUS de la même catégorie.")
            }
        }
    }

    static func invalid(_ detail: String) -> RuleError {
        RuleError(code: "invalid_ceilings_file", message: "Fichier de plafonds invalide : \(detail)")
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "racine" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _):
            return "champ « \(key.stringValue) » manquant."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "valeur de type inattendu pour « \(path(context)) »."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "JSON illisible." : "valeur invalide pour « \(path(context)) » : \(context.debugDescription)"
        @unknown default:
            return "JSON illisible."
        }
    }
}
