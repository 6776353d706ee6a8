import Testing

@testable import LogisMail

struct QuotedPrintableTests {
    @Test(arguments: [
        ("café", "caf=C3=A9"),
        ("é", "=C3=A9"),
        ("a=b", "a=3Db"),
        ("Votre demande", "Votre demande"),
        ("fin ", "fin=20"),
        ("tab\t", "tab=09"),
        ("ligne 1 \r\nligne 2", "ligne 1=20\r\nligne 2"),
        ("un\ndeux\rtrois", "un\r\ndeux\r\ntrois"),
        ("", ""),
    ])
    func encodesTheTable(text: String, encoded: String) {
        #expect(QuotedPrintable.encode(text) == encoded)
    }

    @Test func breaksLongLinesSoftlyWithinSeventySixCharacters() {
        let text = String(repeating: "abcdefghij", count: 20) + "\r\n" + String(repeating: "é", count: 40)
        let encoded = QuotedPrintable.encode(text)
        let lines = encoded.components(separatedBy: "\r\n")

        #expect(lines.count > 4)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().filter { $0.hasSuffix("=") }.count == lines.count - 2)
        #expect(lines[0] == String(repeating: "abcdefghij", count: 7) + "abcde=")
        #expect(MIMEDecoding.quotedPrintable(encoded) == text)
    }

    @Test func neverSplitsAnEscapedByte() {
        for prefix in 0..<8 {
            let text = String(repeating: "x", count: 70 + prefix) + "ééé=="
            let encoded = QuotedPrintable.encode(text)
            for line in encoded.components(separatedBy: "\r\n") {
                let withoutSoftBreak = line.hasSuffix("=") ? String(line.dropLast()) : line
                #expect(line.count <= 76)
                #expect(!withoutSoftBreak.hasSuffix("=") && !withoutSoftBreak.dropLast().hasSuffix("="))
            }
            #expect(MIMEDecoding.quotedPrintable(encoded) == text)
        }
    }

    @Test func aLineOfExactlySeventySixCharactersIsNotBroken() {
        let text = String(repeating: "a", count: 76)
        #expect(QuotedPrintable.encode(text) == text)
        #expect(QuotedPrintable.encode(text + "b") == String(repeating: "a", count: 75) + "=\r\nab")
    }

    @Test func trailingSpaceBeforeALineBreakIsEncodedAndInnerSpacesAreNot() {
        let encoded = QuotedPrintable.encode("Bonjour Madame, \nÀ bientôt\t")
        #expect(encoded == "Bonjour Madame,=20\r\n=C3=80 bient=C3=B4t=09")
    }
}
