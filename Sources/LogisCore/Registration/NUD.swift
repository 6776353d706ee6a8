/// The numéro unique départemental of a request: 18 characters, e.g. `1111023517879GDPUB`.
///
/// DOMAIN.md §3 [reading of public examples]: territory code (3 characters), month and year of
/// registration `MMYY`, a 6-digit sequence per territory and month, and the 5-character code of
/// the registering desk (`GDPUB` = the public online portal). The territory code of the public
/// example, `111`, is not a département: validation accepts any 3 digits (or `02A`/`02B`) and
/// reports whether it is a known département; generation requires a known one.
/// See docs/rules/nud.md.
public struct NUD: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 18 characters, uppercase.
    public let value: String
    /// Three characters: `030`, `02A`, `971`, or a national code such as `111`.
    public let departement: String
    public let month: Int
    /// Four-digit year (the NUD holds `YY`; read as 20YY).
    public let year: Int
    public let sequence: Int
    public let deskCode: String

    public static let length = 18
    public static let maximumSequence = 999_999

    public var description: String { value }

    /// Whether the territory code is one of the 101 départements.
    public var isKnownDepartement: Bool { Departement.isKnown(departement) }

    public var departementName: String? { Departement.name(of: departement) }

    /// Validates a typed NUD. Spaces and hyphens are ignored and letters uppercased, as people
    /// copy it from a letter ("1111 0235 1787 9GDPUB"). When `expectedDepartement` is given (the
    /// desk's own), a NUD of another territory is refused.
    public init(validating text: String, expectedDepartement: String? = nil) throws(RuleError) {
        let compact = String(text.filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }).uppercased()
        guard compact.count == Self.length, compact.allSatisfy({ $0.isASCII }) else {
            throw Self.invalid("Le NUD doit comporter \(Self.length) caractères (reçu : \(compact.count)).")
        }
        let characters = Array(compact)
        let departement = String(characters[0..<3])
        guard departement.allSatisfy(\.isNumber) || departement == "02A" || departement == "02B" else {
            throw Self.invalid(
                "Les 3 premiers caractères du NUD (« \(departement) ») doivent être un code de département "
                    + "(3 chiffres, ou 02A/02B pour la Corse)."
            )
        }
        let period = String(characters[3..<7])
        guard period.allSatisfy(\.isNumber), let month = Int(period.prefix(2)), let shortYear = Int(period.suffix(2)),
            (1...12).contains(month)
        else {
            throw Self.invalid(
                "Les caractères 4 à 7 du NUD (« \(period) ») doivent être le mois et l'année d'enregistrement (MMAA)."
            )
        }
        let sequenceText = String(characters[7..<13])
        guard sequenceText.allSatisfy(\.isNumber), let sequence = Int(sequenceText) else {
            throw Self.invalid("Les caractères 8 à 13 du NUD (« \(sequenceText) ») doivent être 6 chiffres.")
        }
        let deskCode = String(characters[13..<18])
        guard Self.isDeskCode(deskCode) else {
            throw Self.invalid(
                "Les 5 derniers caractères du NUD (« \(deskCode) ») doivent être le code du guichet (lettres et chiffres)."
            )
        }
        if let expectedDepartement {
            let expected = Departement.normalize(expectedDepartement) ?? expectedDepartement
            guard expected == departement else {
                throw RuleError(
                    code: "nud_other_departement",
                    message: "Ce NUD a été délivré pour le territoire « \(departement) », pas pour « \(expected) »."
                )
            }
        }
        self.init(
            value: compact, departement: departement, month: month, year: 2000 + shortYear, sequence: sequence,
            deskCode: deskCode)
    }

    private init(value: String, departement: String, month: Int, year: Int, sequence: Int, deskCode: String) {
        self.value = value
        self.departement = departement
        self.month = month
        self.year = year
        self.sequence = sequence
        self.deskCode = deskCode
    }

    /// The NUD of a new request. `sequence` comes from the database sequence of the département
    /// and month (unique under concurrency, never `max + 1`).
    public static func generate(
        departement: String, registeredOn date: CalendarDate, sequence: Int, deskCode: String
    ) throws(RuleError) -> NUD {
        guard let code = Departement.normalize(departement), Departement.isKnown(code) else {
            throw invalid("« \(departement) » n'est pas un département connu (par exemple 030 pour le Gard).")
        }
        guard (2000...2099).contains(date.year) else {
            throw invalid("L'année d'enregistrement \(date.year) ne tient pas sur deux chiffres (2000 à 2099).")
        }
        guard (1...maximumSequence).contains(sequence) else {
            throw RuleError(
                code: "nud_sequence_exhausted",
                message: "Le numéro d'ordre \(sequence) est hors de la plage 1 à \(maximumSequence) pour ce mois."
            )
        }
        let desk = deskCode.uppercased()
        guard isDeskCode(desk) else {
            throw invalid("Le code guichet « \(deskCode) » doit comporter 5 lettres ou chiffres (par exemple GDPUB).")
        }
        let value = code + pad(date.month, 2) + pad(date.year % 100, 2) + pad(sequence, 6) + desk
        return NUD(
            value: value, departement: code, month: date.month, year: date.year, sequence: sequence, deskCode: desk)
    }

    public static func < (lhs: NUD, rhs: NUD) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    private static func isDeskCode(_ code: String) -> Bool {
        code.count == 5 && code.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func invalid(_ message: String) -> RuleError {
        RuleError(code: "invalid_nud", message: message)
    }
}

/// What `logis rules nud --validate` prints: the parsed parts of a valid NUD.
public struct NUDValidation: Sendable, Encodable, Equatable {
    public let valid: Bool
    public let nud: String
    public let departement: String
    public let departementName: String?
    public let knownDepartement: Bool
    public let month: Int
    public let year: Int
    public let sequence: Int
    public let deskCode: String
    /// Remarks that do not make the NUD invalid (a territory code that is not a département).
    public let warnings: [String]

    public init(_ nud: NUD) {
        valid = true
        self.nud = nud.value
        departement = nud.departement
        departementName = nud.departementName
        knownDepartement = nud.isKnownDepartement
        month = nud.month
        year = nud.year
        sequence = nud.sequence
        deskCode = nud.deskCode
        warnings =
            nud.isKnownDepartement
            ? []
            : [
                "Le code « \(nud.departement) » n'est pas un numéro de département : il est accepté comme code "
                    + "de territoire du système national d'enregistrement."
            ]
    }

    private enum CodingKeys: String, CodingKey {
        case valid, nud, departement, departementName, knownDepartement, month, year, sequence, deskCode, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(valid, forKey: .valid)
        try container.encode(nud, forKey: .nud)
        try container.encode(departement, forKey: .departement)
        try container.encode(departementName, forKey: .departementName)
        try container.encode(knownDepartement, forKey: .knownDepartement)
        try container.encode(month, forKey: .month)
        try container.encode(year, forKey: .year)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(deskCode, forKey: .deskCode)
        try container.encode(warnings, forKey: .warnings)
    }
}
