/// Quoted-printable as RFC 2045 §6.7 defines it, for a text body: the result is 7-bit ASCII with
/// CRLF line endings and no line longer than 76 characters, so it crosses any SMTP relay unchanged.
public enum QuotedPrintable {
    static let maximumLineLength = 76

    /// Encodes UTF-8 text. Line breaks (CRLF, LF or a lone CR) become CRLF: they are the text's
    /// own line breaks, kept as such rather than encoded.
    public static func encode(_ text: String) -> String {
        lines(of: Array(text.utf8)).map(encodeLine).joined(separator: "\r\n")
    }

    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\r"):
                lines.append(bytes[start..<index])
                let crlf = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                index += crlf ? 2 : 1
                start = index
            case UInt8(ascii: "\n"):
                lines.append(bytes[start..<index])
                index += 1
                start = index
            default:
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>) -> String {
        let tokens = line.indices.map { index in
            token(for: line[index], isLast: index == line.index(before: line.endIndex))
        }
        var output = ""
        var current = 0
        for (position, token) in tokens.enumerated() {
            // A soft break costs one "=" at the end of the line, except after the line's last token.
            let limit = position == tokens.count - 1 ? maximumLineLength : maximumLineLength - 1
            if current + token.count > limit {
                output += "=\r\n"
                current = 0
            }
            output += token
            current += token.count
        }
        return output
    }

    private static func token(for byte: UInt8, isLast: Bool) -> String {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            // Relays may strip whitespace at the end of a line (RFC 2045 §6.7 rule 3).
            return isLast ? escaped(byte) : String(UnicodeScalar(byte))
        case UInt8(ascii: "="):
            return escaped(byte)
        case 33...126:
            return String(UnicodeScalar(byte))
        default:
            return escaped(byte)
        }
    }

    private static func escaped(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
