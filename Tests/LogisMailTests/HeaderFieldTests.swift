import Testing

@testable import LogisMail

struct HeaderFieldTests {
    @Test func anASCIISubjectStaysReadable() throws {
        #expect(
            try HeaderField.text("Subject", "Your request was registered") == "Subject: Your request was registered")
    }

    @Test func aNonASCIISubjectBecomesBase64EncodedWords() throws {
        let field = try HeaderField.text("Subject", "Votre demande a été enregistrée")
        #expect(field == "Subject: =?UTF-8?B?Vm90cmUgZGVtYW5kZSBhIMOpdMOpIGVucmVnaXN0csOpZQ==?=")
        #expect(MIMEDecoding.headerValue(field) == "Votre demande a été enregistrée")
    }

    @Test func aLongSubjectIsFoldedWithinSeventyEightCharactersAndDecodesBack() throws {
        let subject =
            "Demande de logement social n° 030-2026-00042 : votre dossier est complet, la commission "
            + "d’attribution l’examinera à sa prochaine séance — « Résidence Les Aubépines »"
        let field = try HeaderField.text("Subject", subject)
        let lines = field.components(separatedBy: "\r\n")

        #expect(lines.count >= 3)
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
        #expect(MIMEDecoding.headerValue(field) == subject)
    }

    @Test func aLongASCIISubjectIsFoldedAtSpaces() throws {
        let subject = Array(repeating: "renouvellement", count: 12).joined(separator: " ")
        let field = try HeaderField.text("Subject", subject)
        let lines = field.components(separatedBy: "\r\n")

        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(field.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + subject)
    }

    @Test func anEncodedWordNeverCutsACharacter() throws {
        let subject = String(repeating: "é€😀", count: 30)
        let field = try HeaderField.text("Subject", subject)
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(MIMEDecoding.headerValue(field) == subject)
    }

    @Test func textThatLooksLikeAnEncodedWordIsEncoded() throws {
        let field = try HeaderField.text("Subject", "=?UTF-8?B?abc?=")
        #expect(field != "Subject: =?UTF-8?B?abc?=")
        #expect(MIMEDecoding.headerValue(field) == "=?UTF-8?B?abc?=")
    }

    @Test func displayNamesAreQuotedOrEncoded() throws {
        let field = try HeaderField.mailboxes(
            "To",
            [
                try MailAddress("a@vauvert.fr", displayName: "Mairie de Vauvert"),
                try MailAddress("b@libercourt.fr", displayName: "Hélène Dupré"),
                try MailAddress("c@logis.fr"),
            ])

        #expect(field.hasPrefix("To: \"Mairie de Vauvert\" <a@vauvert.fr>, =?UTF-8?B?"))
        // The second mailbox does not fit on the first line: the fold comes before its address.
        #expect(field.contains("?=\r\n <b@libercourt.fr>,"))
        #expect(field.hasSuffix(" c@logis.fr"))
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(MIMEDecoding.headerValue(field).contains("Hélène Dupré <b@libercourt.fr>"))
    }

    @Test func quotesInADisplayNameAreEscaped() throws {
        let field = try HeaderField.mailboxes("From", [try MailAddress("a@b.fr", displayName: "Le \"Guichet\"")])
        #expect(field == #"From: "Le \"Guichet\"" <a@b.fr>"#)
    }

    @Test(arguments: ["Bonjour\r\nBcc: tous@exemple.fr", "Bonjour\nBcc: x@y.fr", "Bonjour\r"])
    func aLineBreakInASubjectIsRefused(subject: String) {
        #expect(throws: MailMessageError.headerInjection(field: "Subject")) {
            try HeaderField.text("Subject", subject)
        }
    }

    @Test func aLineBreakInAnAddressOrDisplayNameIsRefused() {
        #expect(throws: MailMessageError.headerInjection(field: "address")) {
            try MailAddress("a@b.fr\r\nBcc: c@d.fr")
        }
        #expect(throws: MailMessageError.headerInjection(field: "display name")) {
            try MailAddress("a@b.fr", displayName: "Logis\nBcc: c@d.fr")
        }
    }

    @Test(arguments: ["", "sans-arobase", "a@@b.fr", "a b@c.fr", "é@c.fr", "<a@b.fr>", "a@"])
    func invalidAddressesAreRefused(address: String) {
        #expect(throws: MailMessageError.invalidAddress(address)) { try MailAddress(address) }
    }

    @Test func anAddressWithItsNameIsParsed() throws {
        let address = try MailAddress(parsing: "\"Logis Vauvert\" <ne-pas-repondre@logis.fr>")
        #expect(address == (try MailAddress("ne-pas-repondre@logis.fr", displayName: "Logis Vauvert")))
        #expect(try MailAddress(parsing: " contact@logis.fr ").address == "contact@logis.fr")
    }
}
