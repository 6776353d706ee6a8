import LogisCore

extension StockDwellingFields {
    /// A field the reader could not accept: its column name and why, in French.
    struct Problem: Equatable, Sendable {
        let column: String
        let reason: String
    }

    /// Every problem of one line or form.
    struct Problems: Error, Equatable, Sendable {
        let items: [Problem]
    }

    /// The column names, as in the CSV header and the API's JSON keys.
    static let columns = [
        "reference", "typology", "surface", "floor", "elevator", "accessibility", "financing", "rent", "charges",
        "reservataire",
    ]

    /// Reads a dwelling from named text values (a CSV line, a form); every bad value is reported.
    static func parse(_ value: (String) -> String?) -> Result<StockDwellingFields, Problems> {
        var problems: [Problem] = []
        func text(_ column: String) -> String {
            (value(column) ?? "").trimmingCharacters(in: .whitespaces)
        }
        func number(_ column: String, _ range: ClosedRange<Int>, _ what: String) -> Int {
            guard let number = Int(text(column)), range.contains(number) else {
                problems.append(
                    Problem(column: column, reason: "\(what) attendu, entre \(range.lowerBound) et \(range.upperBound)")
                )
                return 0
            }
            return number
        }
        func coded<T>(_ column: String, _ parse: (String) -> T?, _ expected: String) -> T? {
            guard let parsed = parse(text(column)) else {
                problems.append(Problem(column: column, reason: "valeur inconnue (attendu : \(expected))"))
                return nil
            }
            return parsed
        }
        let reference = text("reference")
        if reference.isEmpty || reference.count > 40
            || !reference.allSatisfy({ $0.isLetter || $0.isNumber || "-_/.".contains($0) })
        {
            problems.append(Problem(column: "reference", reason: "référence de 1 à 40 lettres, chiffres ou - _ / ."))
        }
        let typology = coded("typology", Typology.init(parsing:), "T1 à T6")
        let surface = number("surface", 9...400, "une surface en m²")
        let floor = number("floor", -1...60, "un étage")
        let elevator = coded("elevator", Self.yesNo, "oui ou non")
        let accessibility = coded(
            "accessibility", { Int($0).flatMap(DwellingAccessibility.init(rawValue:)) },
            "0 (escaliers), 1 (sans marche) ou 2 (adapté fauteuil)")
        let financing = coded("financing", { Financing(code: $0.lowercased()) }, "PLAI, PLUS ou PLS")
        let rent = number("rent", 1...5_000, "un loyer en euros")
        let charges = number("charges", 0...2_000, "des charges en euros")
        let reservataire = coded(
            "reservataire", { Reservataire(rawValue: $0.lowercased()) },
            Reservataire.allCases.map(\.rawValue).joined(separator: ", "))
        guard problems.isEmpty, let typology, let elevator, let accessibility, let financing, let reservataire else {
            return .failure(Problems(items: problems))
        }
        return .success(
            StockDwellingFields(
                reference: reference, typology: typology, surface: surface, floor: floor, elevator: elevator,
                accessibility: accessibility, financing: financing, rent: rent, charges: charges,
                reservataire: reservataire))
    }

    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "oui", "o", "1", "true", "vrai": true
        case "non", "n", "0", "false", "faux": false
        default: nil
        }
    }
}
