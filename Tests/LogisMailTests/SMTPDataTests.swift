import Testing

@testable import LogisMail

struct SMTPDataTests {
    private func payload(_ text: String) -> String {
        String(decoding: SMTPData.payload(text), as: UTF8.self)
    }

    @Test func aLineStartingWithADotGetsAnotherDot() {
        #expect(payload("a\r\n.\r\n..b\r\n.c\r\n") == "a\r\n..\r\n...b\r\n..c\r\n.\r\n")
    }

    @Test func theFirstLineIsStuffedToo() {
        #expect(payload(".début\r\n") == "..début\r\n.\r\n")
    }

    @Test func aDotInsideALineIsLeftAlone() {
        #expect(payload("fin. Suite.\r\n") == "fin. Suite.\r\n.\r\n")
    }

    @Test func thePayloadEndsWithCRLFDotCRLFEvenWithoutAFinalLineBreak() {
        #expect(payload("a") == "a\r\n.\r\n")
        #expect(payload("a\r\n").hasSuffix("a\r\n.\r\n"))
    }

    @Test func bareLineFeedsAndCarriageReturnsBecomeCRLFSoNoDotLineCanBeSmuggled() {
        #expect(payload("a\n.\nb\r.\rc") == "a\r\n..\r\nb\r\n..\r\nc\r\n.\r\n")
    }

    @Test func unstuffingGivesBackTheMessage() throws {
        let rendered = try MailMessageTests.message(body: ".\n..\nfin").rendered()
        #expect(MIMEDecoding.unstuffed(payload(rendered)) == rendered)
    }
}
