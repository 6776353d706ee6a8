import Foundation

/// Unicode → WinAnsiEncoding (Windows code page 1252), the single-byte encoding every font of
/// this writer is declared with (`/Encoding /WinAnsiEncoding`, PDF 1.7 §D.2).
///
/// - 0x20–0x7E: ASCII, unchanged.
/// - 0xA0–0xFF: Latin-1, unchanged (é è ê à ç ô î ù û ë ï ü É È À Ç Ô « » ° …).
/// - 0x80–0x9F: the CP1252 extras (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
/// - A few look-alikes: narrow no-break space U+202F and figure space U+2007 → 0xA0,
///   hyphen U+2010 and non-breaking hyphen U+2011 → `-`, tab → space.
/// - Anything else (other scripts, emoji, control characters, the undefined CP1252 codes) → `?`.
///
/// Strings are put in Unicode normalisation form C first, so a decomposed "e + U+0301" becomes é.
public enum WinAnsiEncoding {
    /// The byte written for anything that has no WinAnsi code.
    public static let replacementByte: UInt8 = 0x3F  // "?"

    /// The WinAnsi code of one Unicode scalar, or `nil` when it has none.
    public static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        switch value {
        case 0x20...0x7E, 0xA0...0xFF:
            return UInt8(value)
        case 0x09:
            return 0x20
        case 0x202F, 0x2007:
            return 0xA0
        case 0x2010, 0x2011:
            return 0x2D
        default:
            return extras[value]
        }
    }

    /// Encodes a whole string, one byte per Unicode scalar (after NFC), unmappable scalars as `?`.
    public static func encode(_ string: String) -> [UInt8] {
        normalizedScalars(string).map { byte(for: $0) ?? replacementByte }
    }

    /// Whether every scalar of the string (after NFC) has a WinAnsi code.
    public static func canEncode(_ string: String) -> Bool {
        normalizedScalars(string).allSatisfy { byte(for: $0) != nil }
    }

    /// The Unicode scalars of the string in normalisation form C: the unit the encoder maps one-to-one to bytes.
    static func normalizedScalars(_ string: String) -> [Unicode.Scalar] {
        Array(string.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// CP1252 0x80–0x9F. 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined and never produced.
    private static let extras: [UInt32: UInt8] = [
        0x20AC: 0x80,  // €
        0x201A: 0x82,  // ‚
        0x0192: 0x83,  // ƒ
        0x201E: 0x84,  // „
        0x2026: 0x85,  // …
        0x2020: 0x86,  // †
        0x2021: 0x87,  // ‡
        0x02C6: 0x88,  // ˆ
        0x2030: 0x89,  // ‰
        0x0160: 0x8A,  // Š
        0x2039: 0x8B,  // ‹
        0x0152: 0x8C,  // Œ
        0x017D: 0x8E,  // Ž
        0x2018: 0x91,  // ‘
        0x2019: 0x92,  // ’
        0x201C: 0x93,  // “
        0x201D: 0x94,  // ”
        0x2022: 0x95,  // •
        0x2013: 0x96,  // –
        0x2014: 0x97,  // —
        0x02DC: 0x98,  // ˜
        0x2122: 0x99,  // ™
        0x0161: 0x9A,  // š
        0x203A: 0x9B,  // ›
        0x0153: 0x9C,  // œ
        0x017E: 0x9E,  // ž
        0x0178: 0x9F,  // Ÿ
    ]
}
