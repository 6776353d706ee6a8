import Testing

@testable import LogisMail

struct SMTPServerExtensionsTests {
    @Test func readsTheExtensionsOfAMultilineEHLOReply() {
        let reply = SMTPReply(
            code: 250,
            lines: [
                "smtp.exemple.fr Hello", "PIPELINING", "SIZE 35882577", "auth login plain xoauth2", "8BITMIME",
                "STARTTLS",
            ])
        let extensions = SMTPServerExtensions(ehloReply: reply)

        #expect(extensions.startTLS)
        #expect(extensions.authenticationMechanisms == ["LOGIN", "PLAIN", "XOAUTH2"])
        #expect(extensions.size == 35_882_577)
        #expect(extensions.eightBitMIME)
    }

    @Test func theGreetingLineIsNotAnExtension() {
        let extensions = SMTPServerExtensions(ehloReply: SMTPReply(code: 250, lines: ["STARTTLS"]))
        #expect(!extensions.startTLS)
        #expect(extensions.size == nil)
    }
}
