import Foundation
import Testing

@testable import LogisPDF

@Suite("WinAnsi encoding and string escaping")
struct WinAnsiEncodingTests {
    @Test(arguments: [
        ("é", 0xE9), ("è", 0xE8), ("ê", 0xEA), ("à", 0xE0), ("ç", 0xE7), ("ô", 0xF4), ("î", 0xEE), ("ù", 0xF9),
        ("û", 0xFB), ("ë", 0xEB), ("ï", 0xEF), ("ü", 0xFC), ("É", 0xC9), ("È", 0xC8), ("À", 0xC0), ("Ç", 0xC7),
        ("Ô", 0xD4), ("«", 0xAB), ("»", 0xBB), ("°", 0xB0), ("ÿ", 0xFF), ("A", 0x41), ("~", 0x7E),
        ("€", 0x80), ("‚", 0x82), ("ƒ", 0x83), ("„", 0x84), ("…", 0x85), ("†", 0x86), ("‡", 0x87), ("ˆ", 0x88),
        ("‰", 0x89), ("Š", 0x8A), ("‹", 0x8B), ("Œ", 0x8C), ("Ž", 0x8E), ("‘", 0x91), ("’", 0x92), ("“", 0x93),
        ("”", 0x94), ("•", 0x95), ("–", 0x96), ("—", 0x97), ("˜", 0x98), ("™", 0x99), ("š", 0x9A), ("›", 0x9B),
        ("œ", 0x9C), ("ž", 0x9E), ("Ÿ", 0x9F),
        ("\u{00A0}", 0xA0), ("\u{202F}", 0xA0), ("\u{2011}", 0x2D), ("\t", 0x20),
        ("漢", 0x3F), ("😀", 0x3F), ("\u{0101}", 0x3F), ("\u{0007}", 0x3F), ("\u{007F}", 0x3F), ("\u{0081}", 0x3F),
        ("\n", 0x3F),
    ])
    func mapsCharacter(character: String, expected: Int) {
        #expect(WinAnsiEncoding.encode(character) == [UInt8(expected)])
    }

    @Test func decomposedAccentsAreComposedFirst() {
        #expect(WinAnsiEncoding.encode("e\u{0301}te\u{0300}") == [0xE9, 0x74, 0xE8])
        #expect(WinAnsiEncoding.canEncode("De\u{0301}lai : 1 mois, 15 €"))
        #expect(!WinAnsiEncoding.canEncode("Ł"))
    }

    @Test func encodesFrenchSentence() {
        let bytes = WinAnsiEncoding.encode("Œuvre « élevée » – 15 € ’")
        #expect(
            bytes == [
                0x8C, 0x75, 0x76, 0x72, 0x65, 0x20, 0xAB, 0x20, 0xE9, 0x6C, 0x65, 0x76, 0xE9, 0x65, 0x20,
                0xBB, 0x20, 0x96, 0x20, 0x31, 0x35, 0x20, 0x80, 0x20, 0x92,
            ])
    }

    @Test func everyMappedByteIsAWinAnsiCode() {
        let undefined: Set<UInt8> = [0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D]
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value), let byte = WinAnsiEncoding.byte(for: scalar) else { continue }
            #expect(byte >= 0x20 && !undefined.contains(byte), "U+\(String(value, radix: 16)) → \(byte)")
        }
    }

    @Test func literalStringEscapesDelimitersAndBackslash() {
        let escaped = PDFSyntax.literalString(Array(#"f(x) = (a\b)"#.utf8))
        #expect(PDFBytes.latin1(escaped) == #"(f\(x\) = \(a\\b\))"#)
        #expect(PDFBytes.latin1(PDFSyntax.literalString([0x0A, 0x0D, 0xE9])) == "(\\n\\r\u{E9})")
    }

    @Test func textOnAPageIsEscapedInTheContentStream() {
        var page = PDFPage()
        page.drawText(#"Montant (hors charges) : 15 € \ mois"#, x: 10, y: 10)
        let bytes = PDFBytes.bytes(PDFDocument(pages: [page]).data())
        let expected = Array(#"(Montant \(hors charges\) : 15 "#.utf8) + [0x80] + Array(#" \\ mois) Tj"#.utf8)
        #expect(Self.contains(expected, in: bytes))
    }

    @Test func namesEscapeDelimiters() {
        #expect(PDFSyntax.name("Helvetica-Bold") == "/Helvetica-Bold")
        #expect(PDFSyntax.name("A B#(") == "/A#20B#23#28")
    }

    @Test func textStrings() {
        #expect(PDFBytes.latin1(PDFSyntax.textString("Logis")) == "(Logis)")
        #expect(PDFBytes.latin1(PDFSyntax.textString("15 €")) == "<FEFF00310035002020AC>")
        #expect(PDFBytes.latin1(PDFSyntax.textString("漢")) == "<FEFF6F22>")
        #expect(PDFBytes.latin1(PDFSyntax.textString("😀")) == "<FEFFD83DDE00>")
    }

    private static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}
