import NIOCore

/// The first field of a `multipart/form-data` body, read from its first bytes only.
///
/// Logis's upload forms put `_csrf` first, and browsers send the parts in the form's order, so
/// the token can be checked before the file that follows has been received.
enum MultipartFirstField {
    enum Outcome: Equatable {
        /// More bytes are needed.
        case incomplete
        /// The body does not start with a well-formed part.
        case malformed
        /// The first part's field name and value.
        case field(name: String, value: String)
    }

    /// How far the first part may run before it is judged malformed: a token is 43 characters.
    static let maximumPrefix = 2048

    static func parse(_ buffer: ByteBuffer, boundary: String) -> Outcome {
        let bytes = buffer.readableBytesView
        let delimiter = Array("--\(boundary)\r\n".utf8)
        guard bytes.count >= delimiter.count else {
            return bytes.elementsEqual(delimiter.prefix(bytes.count)) ? .incomplete : .malformed
        }
        guard bytes.prefix(delimiter.count).elementsEqual(delimiter) else { return .malformed }
        let afterDelimiter = bytes.index(bytes.startIndex, offsetBy: delimiter.count)
        let headers = bytes[afterDelimiter...]
        guard let headersEnd = firstRange(of: Array("\r\n\r\n".utf8), in: headers) else {
            return bytes.count > maximumPrefix ? .malformed : .incomplete
        }
        let headerText = String(decoding: headers[headers.startIndex..<headersEnd.lowerBound], as: UTF8.self)
        guard let name = fieldName(inHeaders: headerText) else { return .malformed }
        let value = bytes[headersEnd.upperBound...]
        guard let valueEnd = firstRange(of: Array("\r\n--\(boundary)".utf8), in: value) else {
            return bytes.count > maximumPrefix ? .malformed : .incomplete
        }
        return .field(name: name, value: String(decoding: value[value.startIndex..<valueEnd.lowerBound], as: UTF8.self))
    }

    /// The `name` of a `Content-Disposition: form-data; name="…"` header, if that is what it is.
    private static func fieldName(inHeaders text: String) -> String? {
        for line in text.split(separator: "\r\n") {
            let lowered = line.lowercased()
            guard lowered.hasPrefix("content-disposition:"), lowered.contains("form-data") else { continue }
            guard let start = line.range(of: "name=\"") else { return nil }
            let rest = line[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    private static func firstRange(
        of needle: [UInt8], in haystack: ByteBufferView.SubSequence
    ) -> Range<ByteBufferView.Index>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var start = haystack.startIndex
        let lastStart = haystack.index(haystack.endIndex, offsetBy: -needle.count)
        while start <= lastStart {
            let end = haystack.index(start, offsetBy: needle.count)
            if haystack[start..<end].elementsEqual(needle) { return start..<end }
            start = haystack.index(after: start)
        }
        return nil
    }
}
