/// A French mobile number in E.164 (`+33612345678`), the form SMS gateways expect. Metropolitan
/// mobiles only (06, 07, ARCEP numbering plan): a landline cannot receive an SMS, and overseas
/// numbers (+262, +590…) would need their own country codes.
struct MobileNumber: Sendable, Equatable, CustomStringConvertible {
    let e164: String

    var description: String { e164 }

    /// Reads what a person types or the form holds: `06 12 34 56 78`, `06.12.34.56.78`,
    /// `+33 6 12 34 56 78`, `0033612345678`, `+33 (0)6 12…`; nil for anything else.
    init?(_ text: String) {
        var digits = ""
        for (index, character) in text.enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", index == text.prefix(while: { $0 == " " }).count {
                digits.append("+")
            } else if !" .-()/\u{00A0}".contains(character) {
                return nil
            }
        }
        let national: Substring
        if digits.hasPrefix("+33") {
            national = digits.dropFirst(3)
        } else if digits.hasPrefix("0033") {
            national = digits.dropFirst(4)
        } else if digits.hasPrefix("0"), digits.count == 10 {
            national = digits.dropFirst()
        } else {
            return nil
        }
        // « +33 (0)6 … »: the trunk 0 written after the country code.
        let significant = national.count == 10 && national.hasPrefix("0") ? national.dropFirst() : national
        guard significant.count == 9, significant.allSatisfy(\.isNumber),
            let first = significant.first, first == "6" || first == "7"
        else { return nil }
        e164 = "+33" + significant
    }

    /// `06 12 34 56 78`, as shown back to the person.
    var national: String {
        let digits = Array("0" + e164.dropFirst(3))
        return stride(from: 0, to: digits.count, by: 2).map { String(digits[$0..<min($0 + 2, digits.count)]) }
            .joined(separator: " ")
    }
}
