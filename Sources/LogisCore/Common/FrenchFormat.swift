/// French number formatting for user-facing messages.
public enum FrenchFormat {
    /// No-break space: French typography separates thousands and the currency sign with it.
    static let space = "\u{00A0}"

    /// `30000` → `30 000` (with no-break spaces).
    public static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: space)
    }

    /// `30000` → `30 000 €`.
    public static func euros(_ value: Int) -> String {
        integer(value) + space + "€"
    }

    /// "1 personne", "2 personnes".
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(value) \(value > 1 ? plural : singular)"
    }
}
