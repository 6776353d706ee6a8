import Foundation

/// What a person may type into Logis: Unicode text in one composed form (NFC), without control
/// characters or bidirectional overrides. « Élise » typed as E + combining accent and as É is
/// the same name; a NUL or a U+202E (right-to-left override) in a name only serves to deceive an
/// agent or break an export.
enum TextInput {
    static let refusedMessage = "Ce champ contient des caractères invisibles ou de contrôle : retapez-le."

    /// The text in NFC, or nil when it holds a character that has no place in a form.
    static func clean(_ text: String, allowLineBreaks: Bool = true) -> String? {
        let composed = text.precomposedStringWithCanonicalMapping
        for scalar in composed.unicodeScalars where isRefused(scalar, allowLineBreaks: allowLineBreaks) {
            return nil
        }
        return composed
    }

    /// A free-text answer (a comment, a reference): trimmed and composed, or a clear 422.
    static func validated(_ text: String, allowLineBreaks: Bool = true) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let clean = clean(trimmed, allowLineBreaks: allowLineBreaks) else {
            throw LogisError.validation(refusedMessage, code: .invalidCharacters)
        }
        return clean
    }

    static func isRefused(_ scalar: Unicode.Scalar, allowLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x0A, 0x0D: return !allowLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates; line and paragraph separators.
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
