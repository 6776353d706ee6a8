import Foundation
import Testing

@testable import LogisMail

struct MailMessageTests {
    static func message(body: String = "Bonjour,\nVotre demande a été enregistrée.\n") throws -> MailMessage {
        MailMessage(
            from: try MailAddress("ne-pas-repondre@logis.fr", displayName: "Logis"),
            to: [try MailAddress("helene.dupre@exemple.fr", displayName: "Hélène Dupré")],
            subject: "Votre demande a été enregistrée",
            body: body,
            messageID: "0196f1c2-7a3b@logis.fr",
            // 2026-11-20 14:03:09 UTC, a Friday.
            date: Date(timeIntervalSince1970: 1_795_183_389))
    }

    @Test func rendersHeadersInOrderWithCRLFAndAQuotedPrintableBody() throws {
        let rendered = try Self.message().rendered()
        let (headers, body) = MIMEDecoding.split(rendered)

        #expect(
            headers == [
                "Date: Fri, 20 Nov 2026 14:03:09 +0000",
                "From: \"Logis\" <ne-pas-repondre@logis.fr>",
                "To: =?UTF-8?B?SMOpbMOobmUgRHVwcsOp?= <helene.dupre@exemple.fr>",
                "Subject: =?UTF-8?B?Vm90cmUgZGVtYW5kZSBhIMOpdMOpIGVucmVnaXN0csOpZQ==?=",
                "Message-ID: <0196f1c2-7a3b@logis.fr>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
            ])
        #expect(body == "Bonjour,\r\nVotre demande a =C3=A9t=C3=A9 enregistr=C3=A9e.\r\n\r\n")
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(rendered.utf8.allSatisfy { $0 < 0x80 })
    }

    @Test func theDateIsWrittenInEnglishWhateverTheLocale() throws {
        var message = try Self.message()
        message.date = Date(timeIntervalSince1970: 0)
        #expect(try message.rendered().hasPrefix("Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n"))
    }

    @Test func aMessageWithoutRecipientIsRefused() throws {
        var message = try Self.message()
        message.to = []
        #expect(throws: MailMessageError.noRecipient) { try message.rendered() }
    }

    @Test func aSubjectWithALineBreakIsRefused() throws {
        var message = try Self.message()
        message.subject = "Relance\r\nBcc: tout-le-monde@exemple.fr"
        #expect(throws: MailMessageError.headerInjection(field: "Subject")) { try message.rendered() }
    }

    @Test(arguments: ["id\r\nBcc: x@y.fr", "sans-arobase", "a b@logis.fr", "<@logis.fr>"])
    func aBadMessageIDIsRefused(id: String) throws {
        var message = try Self.message()
        message.messageID = id
        #expect(throws: MailMessageError.self) { try message.rendered() }
    }

    @Test func theBodyDecodesBackToTheOriginalText() throws {
        let body = "Madame,\n\nLe logement (T3, 2ᵉ étage) vous est proposé = 512,30 € de loyer.  \n.\nÀ bientôt"
        let (_, encodedBody) = MIMEDecoding.split(try Self.message(body: body).rendered())
        #expect(MIMEDecoding.quotedPrintable(encodedBody) == body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }
}
