import LogisCore

/// One line of an RPLS file (the national register of social dwellings, open data from the SDES),
/// read into what Logis's stock holds; docs/rules/rpls-import.md lists the columns read.
struct RPLSLine: Sendable, Equatable {
    let number: Int
    let communeCode: String
    let bailleur: String
    let address: String
    let qpv: Bool
    let typology: Typology
    let financing: Financing
    let surface: Int
    let floor: Int
    let rent: Int
    /// The dwelling's identifier in the file, when it has one.
    let identifier: String?
    /// Dwellings the line stands for (a line per group of identical dwellings).
    let count: Int

    /// The columns read, each under the names the file's vintages give it (upper case up to the
    /// 2022 files, lower case with `_code`/`_libelle` since 2023); the first found is read.
    enum Column: String, CaseIterable, Sendable {
        case commune, rooms, financing, surface, rent, qpv, floor, identifier, bailleur, count
        case streetNumber, repeatIndex, streetType, streetName

        var names: [String] {
            switch self {
            case .commune: ["depcom", "depcom_code"]
            case .rooms: ["nbpiece", "nbpieces", "nb_piece"]
            case .financing: ["finan_libelle", "finan"]
            case .surface: ["surfhab"]
            case .rent: ["loyerprinc"]
            case .qpv: ["qpv", "qpv_code"]
            case .floor: ["etage"]
            case .identifier: ["rpls_id", "identifiant_rpls", "numlog"]
            case .bailleur: ["bailleur", "raison_sociale", "rs", "denomination"]
            case .count: ["nb_logements", "nblog"]
            case .streetNumber: ["numvoie"]
            case .repeatIndex: ["indrep"]
            case .streetType: ["typvoie"]
            case .streetName: ["nomvoie"]
            }
        }

        /// Without these a line cannot describe a dwelling of the stock.
        static let required: [Column] = [.commune, .rooms, .financing, .surface, .rent]
    }

    /// A value the reader could not accept, in French.
    struct Problem: Error, Equatable, Sendable {
        let reason: String
    }

    static func communeCode(_ text: String, known: Set<String>) throws(Problem) -> String {
        // A 2023 file types the code as a number: « 1004 » has lost the zero of « 01004 ».
        let code = text.count == 4 && text.allSatisfy(\.isNumber) ? "0" + text : text.uppercased()
        guard known.contains(code) else {
            throw Problem(reason: "commune « \(text) » inconnue des territoires de Logis (code INSEE DEPCOM)")
        }
        return code
    }

    static func typology(_ text: String) throws(Problem) -> Typology {
        guard let rooms = Int(text), (1...20).contains(rooms), let typology = Typology(rawValue: min(rooms, 6)) else {
            throw Problem(reason: "nombre de pièces « \(text) » invalide (NBPIECE : entier de 1 à 20 attendu)")
        }
        return typology
    }

    static func financing(_ text: String) throws(Problem) -> Financing {
        let letters = text.uppercased().filter { $0.isLetter }
        if letters.hasPrefix("PLAI") { return .plai }
        if letters.hasPrefix("PLUS") { return .plus }
        if letters.hasPrefix("PLS") { return .pls }
        if letters.hasPrefix("PLI") {
            throw Problem(reason: "financement PLI (logement intermédiaire) : hors du parc attribué par Logis")
        }
        if !text.isEmpty, text.allSatisfy(\.isNumber) {
            throw Problem(reason: "code de financement « \(text) » sans libellé : joignez la colonne finan_libelle")
        }
        throw Problem(reason: "financement « \(text) » non reconnu (PLAI, PLUS ou PLS attendu)")
    }

    /// Euros or square metres, with a decimal comma or point, rounded to the unit.
    static func whole(_ text: String, _ range: ClosedRange<Int>, _ what: String) throws(Problem) -> Int {
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite,
            range.contains(Int(value.rounded()))
        else {
            throw Problem(reason: "\(what) « \(text) » invalide (de \(range.lowerBound) à \(range.upperBound) attendu)")
        }
        return Int(value.rounded())
    }

    static func floor(_ text: String) throws(Problem) -> Int {
        if text.isEmpty || text.uppercased() == "RDC" { return 0 }
        guard let floor = Int(text), (-1...60).contains(floor) else {
            throw Problem(reason: "étage « \(text) » invalide (ETAGE : de -1 à 60, ou RDC)")
        }
        return floor
    }

    static func qpv(_ text: String) throws(Problem) -> Bool {
        let value = text.lowercased()
        if ["", "0", "non", "n", "false"].contains(value) { return false }
        // The 2023 files give the quartier's code (QP030001) where older ones give 1.
        if ["1", "oui", "o", "true"].contains(value) || value.hasPrefix("qp") { return true }
        throw Problem(reason: "QPV « \(text) » invalide (1 ou 0, oui ou non, ou code du quartier attendu)")
    }

    static func count(_ text: String) throws(Problem) -> Int {
        guard !text.isEmpty else { return 1 }
        guard let count = Int(text), (1...500).contains(count) else {
            throw Problem(reason: "nombre de logements « \(text) » invalide (de 1 à 500 attendu)")
        }
        return count
    }

    /// An identifier as the stock's references allow it (letters, digits, - _ / .), 1 to 32 long.
    static func identifier(_ text: String) throws(Problem) -> String? {
        guard !text.isEmpty else { return nil }
        guard text.count <= 32, text.allSatisfy({ $0.isLetter || $0.isNumber || "-_/.".contains($0) }) else {
            throw Problem(reason: "identifiant « \(text) » invalide (1 à 32 lettres, chiffres ou - _ / .)")
        }
        return text
    }
}
