import Foundation

/// Decoders written independently of the encoders under test, so a round trip proves something.
enum MIMEDecoding {
    /// RFC 2045 §6.7 decoding: "=XX" is a byte, "=" at the end of a line is a soft break.
    static func quotedPrintable(_ encoded: String) -> String {
        let input = Array(encoded.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < input.count {
            guard input[index] == UInt8(ascii: "="), index + 2 < input.count else {
                bytes.append(input[index])
                index += 1
                continue
            }
            let next = Array(input[(index + 1)...(index + 2)])
            if next != Array("\r\n".utf8) {
                bytes.append(UInt8(String(decoding: next, as: UTF8.self), radix: 16)!)
            }
            index += 3
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Unfolds a header (RFC 5322 §2.2.3) and decodes its B encoded-words (RFC 2047), dropping the
    /// whitespace between two adjacent words as §6.2 says.
    static func headerValue(_ field: String) -> String {
        let unfolded = field.replacingOccurrences(of: "\r\n ", with: " ")
        let value = unfolded[unfolded.index(after: unfolded.firstIndex(of: ":")!)...].dropFirst()
        var output = ""
        var previousWasEncoded: Bool?
        for token in value.split(separator: " ", omittingEmptySubsequences: false) {
            let isEncoded = token.hasPrefix("=?UTF-8?B?") && token.hasSuffix("?=")
            if let previousWasEncoded, !(previousWasEncoded && isEncoded) { output += " " }
            if isEncoded {
                let base64 = String(token.dropFirst("=?UTF-8?B?".count).dropLast(2))
                output += String(decoding: Data(base64Encoded: base64)!, as: UTF8.self)
            } else {
                output += token
            }
            previousWasEncoded = isEncoded
        }
        return output
    }

    /// The header block and the body of a rendered message.
    static func split(_ message: String) -> (headers: [String], body: String) {
        let parts = message.components(separatedBy: "\r\n\r\n")
        let headerBlock = parts[0]
        var fields: [String] = []
        for line in headerBlock.components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), !fields.isEmpty {
                fields[fields.count - 1] += "\r\n" + line
            } else {
                fields.append(line)
            }
        }
        return (fields, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Reverses dot-stuffing and drops the terminating line, as a receiving server does.
    static func unstuffed(_ payload: String) -> String {
        var lines = payload.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        if lines.last == "." { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }.joined(separator: "\r\n") + "\r\n"
    }
}
