import Foundation

/// Lexical helpers for writing PDF objects (PDF 1.7 §7.3).
public enum PDFSyntax {
    /// A real number as PDF writes it: at most 3 decimals, no exponent, no trailing zeros, "-0" as "0".
    /// Non-finite values are written as 0.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let thousandths = (value * 1000).rounded()
        guard abs(thousandths) < 9e15 else { return value < 0 ? "-9000000000000" : "9000000000000" }
        let scaled = Int64(thousandths)
        if scaled == 0 { return "0" }
        let magnitude = scaled.magnitude
        let integer = magnitude / 1000
        let fraction = magnitude % 1000
        var result = scaled < 0 ? "-" : ""
        result += String(integer)
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            result += "." + digits
        }
        return result
    }

    /// A literal string `( … )` holding the given bytes, with `(`, `)` and `\` escaped and
    /// CR, LF, tab, backspace and form feed written as escape sequences (other bytes as they are).
    public static func literalString(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = [0x28]
        for byte in bytes {
            switch byte {
            case 0x28, 0x29, 0x5C: out += [0x5C, byte]
            case 0x0A: out += [0x5C, 0x6E]  // \n
            case 0x0D: out += [0x5C, 0x72]  // \r
            case 0x09: out += [0x5C, 0x74]  // \t
            case 0x08: out += [0x5C, 0x62]  // \b
            case 0x0C: out += [0x5C, 0x66]  // \f
            default: out.append(byte)
            }
        }
        out.append(0x29)
        return out
    }

    /// A text string for the document information dictionary (§7.9.2.2): printable ASCII is written
    /// as an escaped literal string; anything else as UTF-16BE with a byte order mark, in hex
    /// (`<FEFF…>`), so accents, € and ’ survive whatever PDFDocEncoding would have done to them.
    public static func textString(_ string: String) -> [UInt8] {
        if string.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            return literalString(Array(string.utf8))
        }
        var hex = "<FEFF"
        for unit in string.utf16 {
            let digits = String(unit, radix: 16, uppercase: true)
            hex += String(repeating: "0", count: 4 - digits.count) + digits
        }
        hex += ">"
        return Array(hex.utf8)
    }

    /// A name object (`/Name`), with bytes outside the regular-character range written as `#xx`.
    public static func name(_ name: String) -> String {
        var out = "/"
        for byte in name.utf8 {
            let delimiter = "()<>[]{}/%#".utf8.contains(byte)
            if byte < 0x21 || byte > 0x7E || delimiter {
                let digits = String(byte, radix: 16, uppercase: true)
                out += "#" + (digits.count == 1 ? "0" : "") + digits
            } else {
                out.append(Character(Unicode.Scalar(byte)))
            }
        }
        return out
    }

    /// A date string `D:YYYYMMDDHHmmSSOHH'mm'` (§7.9.4), "Z" for UTC.
    public static func date(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var result = "D:" + pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
        result += pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2)
        let offset = timeZone.secondsFromGMT(for: date)
        if offset == 0 {
            result += "Z"
        } else {
            let minutes = abs(offset) / 60
            result += (offset < 0 ? "-" : "+") + pad(minutes / 60, 2) + "'" + pad(minutes % 60, 2) + "'"
        }
        return result
    }
}
