import Foundation
import LogisCore

/// Reads one step's submitted fields (a flat name → text map) and collects a French message per
/// faulty field, so that each message is shown next to its field.
struct FormFields {
    let values: [String: String]
    private(set) var errors: [String: String] = [:]

    init(_ values: [String: String]) {
        var cleaned: [String: String] = [:]
        for (name, value) in values {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if let text = TextInput.clean(trimmed) {
                cleaned[name] = text
            } else {
                cleaned[name] = ""
                errors[name] = TextInput.refusedMessage
            }
        }
        self.values = cleaned
    }

    func text(_ name: String) -> String { values[name] ?? "" }

    func flag(_ name: String) -> Bool { ["on", "true", "oui", "1"].contains(text(name)) }

    mutating func fail(_ name: String, _ message: String) {
        if errors[name] == nil { errors[name] = message }
    }

    /// A one-line answer (a name, a street): a line break in it is refused too.
    mutating func required(_ name: String, _ label: String, maxLength: Int = 100) -> String {
        let value = text(name)
        if value.contains(where: \.isNewline) {
            fail(name, TextInput.refusedMessage)
        } else if value.isEmpty {
            fail(name, "Indiquez \(label).")
        } else if value.count > maxLength {
            fail(name, "\(label.prefix(1).uppercased() + label.dropFirst()) : \(maxLength) caractères au plus.")
        }
        return value
    }

    mutating func optional(_ name: String, maxLength: Int = 200) -> String {
        let value = text(name)
        if value.count > maxLength { fail(name, "\(maxLength) caractères au plus.") }
        return value
    }

    /// A calendar date typed as `AAAA-MM-JJ` (the browser's date field) or `JJ/MM/AAAA`.
    mutating func date(
        _ name: String, _ label: String, required: Bool = true, notAfter limit: CalendarDate? = nil
    )
        -> String
    {
        let raw = text(name)
        if raw.isEmpty {
            if required { fail(name, "Indiquez \(label).") }
            return ""
        }
        guard let date = Self.parseDate(raw) else {
            fail(name, "Date invalide : écrivez-la sous la forme JJ/MM/AAAA.")
            return raw
        }
        if let limit, date > limit {
            fail(name, "La date ne peut pas être dans le futur.")
        } else if date.year < 1900 {
            fail(name, "Date invalide : l’année doit être postérieure à 1900.")
        }
        return date.iso
    }

    /// A number of euros (or m²) ≥ 0, typed as people write it: « 980,50 », « 980.50 », « 1 250 »;
    /// empty counts as 0 unless required. Kept in whole euros, rounded to the nearest and 0,50 up
    /// (docs/rules/coherence.md: the tax notice's rounding, so a figure copied from it is kept as is).
    mutating func amount(_ name: String, _ label: String, required: Bool = false, maximum: Int = 10_000_000) -> Int {
        let raw = text(name).filter { !$0.isWhitespace && $0 != "€" }
        if raw.isEmpty {
            if required { fail(name, "Indiquez \(label) (0 si aucun).") }
            return 0
        }
        let negative = raw.hasPrefix("-")
        guard let value = Self.parseAmount(negative ? String(raw.dropFirst()) : raw) else {
            fail(name, "Indiquez un nombre (exemple : 980,50).")
            return 0
        }
        guard !negative || value == 0 else {
            fail(name, "\(label.prefix(1).uppercased() + label.dropFirst()) ne peut pas être négatif.")
            return 0
        }
        guard value <= maximum else {
            fail(name, "Montant trop élevé : vérifiez la saisie.")
            return 0
        }
        return value
    }

    /// Digits, then at most one comma or point and one or two decimals; nil when it is not that.
    /// « 1.250 » (three decimals) is refused: a thousands point or a typo, it cannot be told apart.
    static func parseAmount(_ text: String) -> Int? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false)
        }
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII),
            whole.allSatisfy(\.isNumber)
        else { return nil }
        // A number, only far too large: the caller's maximum says so.
        guard whole.count <= 12, let euros = Int(whole) else { return Int.max }
        guard parts.count == 2, !parts[1].isEmpty else { return euros }
        let decimals = parts[1]
        guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isASCII), decimals.allSatisfy(\.isNumber),
            let cents = Int(decimals.count == 1 ? decimals + "0" : String(decimals))
        else { return nil }
        return euros + (cents >= 50 ? 1 : 0)
    }

    mutating func choice(_ name: String, _ label: String, among codes: [String], required: Bool = true) -> String {
        let value = text(name)
        if value.isEmpty {
            if required { fail(name, "Choisissez \(label).") }
            return ""
        }
        guard codes.contains(value) else {
            fail(name, "Choix inconnu pour \(label).")
            return ""
        }
        return value
    }

    static func parseDate(_ raw: String) -> CalendarDate? {
        if let date = try? CalendarDate(iso: raw) { return date }
        let parts = raw.split(separator: "/")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else {
            return nil
        }
        return try? CalendarDate(year: year, month: month, day: day)
    }
}
