import Fluent
import LogisCore
import XCTVapor
import ZIPFoundation

@testable import LogisServer

/// The applicant chooses how they are told (issue 12): e-mail by default, SMS in addition, or a
/// paper letter; the messages follow, one row per channel, each queued once.
final class ChannelPreferencesTests: XCTestCase {
    static func put(
        _ app: Application, token: String, _ body: [String: String?], status: HTTPStatus = .ok
    )
        async throws -> XCTHTTPResponse?
    {
        var response: XCTHTTPResponse?
        try await app.send(
            .PUT, "api/v1/me/channels",
            beforeRequest: {
                $0.headers.bearerAuthorization = .init(token: token)
                try $0.content.encode(Self.json(body), as: .json)
            },
            afterResponse: {
                XCTAssertEqual($0.status, status, $0.body.string)
                response = $0
            })
        return response
    }

    struct Choice: Content {
        let main: String
        let sms: Bool
        let mobile: String?
    }

    static func json(_ body: [String: String?]) -> Choice {
        Choice(main: (body["main"] ?? nil) ?? "", sms: (body["sms"] ?? nil) == "true", mobile: body["mobile"] ?? nil)
    }

    /// The 2-month renewal reminder of the request, on its day, the job run, then its day's run
    /// forgotten and run again: nothing is queued twice.
    static func remindTwice(_ app: Application, _ id: UUID) async throws -> [OutboxMessage] {
        let request = try await app.storedRequest(id)
        let schedule = try XCTUnwrap(RequestLifecycle.schedule(of: request))
        app.clock = .fixed(schedule.reminder.startOfDayDate)
        try await JobSupport.run(RenewalRemindersJob(), app)
        try await JobRun.query(on: app.db).delete()
        let again = try await JobSupport.run(RenewalRemindersJob(), app)
        XCTAssertEqual(again.outcome, .done, "the run itself is repeated, only the keys stop the duplicates")
        return try await JobSupport.messages(for: id, app)
    }

    func testByDefaultOnlyAnEmail() async throws {
        try await withApp(demo: true) { app in
            let id = try await JobSupport.registeredRequest(app, on: "2025-03-15")
            let messages = try await Self.remindTwice(app, id)
            XCTAssertEqual(messages.map(\.channel), [.email])
        }
    }

    func testEmailAndSMSGiveTwoRowsEachQueuedOnceWithItsOwnKey() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            let answer = try await Self.put(
                app, token: token, ["main": "email", "sms": "true", "mobile": "06 12 34 56 78"])
            XCTAssertEqual(try answer?.content.decode(Choice.self).mobile, "+33612345678")
            let request = try await app.storedRequest(id)
            let messages = try await Self.remindTwice(app, id)
            XCTAssertEqual(messages.map(\.channel).sorted { $0.rawValue < $1.rawValue }, [.email, .sms])
            let email = try XCTUnwrap(messages.first { $0.channel == .email })
            let sms = try XCTUnwrap(messages.first { $0.channel == .sms })
            XCTAssertEqual(sms.idempotenceKey, email.idempotenceKey + ":sms")
            XCTAssertEqual(sms.recipient, "+33612345678")
            XCTAssertLessThanOrEqual(sms.body.count, 320)
            XCTAssertTrue(sms.body.hasPrefix("Logis : votre demande de logement social est à renouveler"), sms.body)
            XCTAssertFalse(sms.body.contains(request.nud ?? "-"), "no NUD in an SMS")
            XCTAssertTrue(email.body.contains("Madame, Monsieur"), "the e-mail keeps the full text")
        }
    }

    func testALetterReplacesTheEmailAndGoesToTheFormsAddress() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            try await Self.put(app, token: token, ["main": "letter", "sms": "false"])
            let messages = try await Self.remindTwice(app, id)
            XCTAssertEqual(messages.map(\.channel), [.letter])
            XCTAssertTrue(messages.first?.recipient.contains("Vauvert") == true, messages.first?.recipient ?? "")
            XCTAssertNotNil(messages.first?.accountID)
        }
    }

    func testTheAPIRefusesAnSMSWithoutAMobileAndAnUnknownChannelAndAuditsAChange() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "canaux@exemple.fr")
            var response: XCTHTTPResponse?
            try await app.send(
                .GET, "api/v1/me/channels", beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { response = $0 })
            XCTAssertEqual(try response?.content.decode(Choice.self).main, "email")
            XCTAssertEqual(try response?.content.decode(Choice.self).sms, false)

            response = try await Self.put(
                app, token: token, ["main": "email", "sms": "true", "mobile": "04 66 00 00 00"],
                status: .unprocessableEntity)
            XCTAssertTrue(response?.body.string.contains("invalid_mobile_number") == true)
            response = try await Self.put(
                app, token: token, ["main": "pigeon", "sms": "false"], status: .unprocessableEntity)
            XCTAssertTrue(response?.body.string.contains("invalid_channel") == true)
            let stored = try await ChannelPreference.query(on: app.db).count()
            XCTAssertEqual(stored, 0, "nothing stored when refused")

            try await Self.put(app, token: token, ["main": "email", "sms": "true", "mobile": "07 98 76 54 32"])
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "message_channels_changed").all()
            XCTAssertEqual(audit.map(\.reason), ["email+sms"])
            XCTAssertFalse(audit.contains { ($0.reason ?? "").contains("98") }, "never the number in the audit log")
        }
    }

    func testThePageShowsTheChoiceAndItsFormNeedsTheCSRFToken() async throws {
        try await withApp(demo: true) { app in
            let session = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .GET, "mon-espace/messages", beforeRequest: { Browser.withSession(&$0, session) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertTrue(res.body.string.contains("<legend>Recevoir nos messages</legend>"))
                    XCTAssertTrue(res.body.string.contains("id=\"main-email\" name=\"main\" value=\"email\" checked"))
                })
            let fields = ["main": "letter", "sms": "oui", "mobile": "06 11 22 33 44"]
            try await app.send(
                .POST, "mon-espace/messages",
                beforeRequest: {
                    Browser.post(&$0, form: fields, session: session)
                    $0.body = ByteBuffer(string: Browser.form(fields, csrf: nil))
                },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
            let forged = try await ChannelPreference.query(on: app.db).count()
            XCTAssertEqual(forged, 0, "a post without its token changes nothing")
            try await app.send(
                .POST, "mon-espace/messages", beforeRequest: { Browser.post(&$0, form: fields, session: session) },
                afterResponse: { XCTAssertEqual($0.status, .seeOther, $0.body.string) })
            let stored = try await ChannelPreference.query(on: app.db).first()
            XCTAssertEqual(stored?.main, .letter)
            XCTAssertEqual(stored?.sms, true)
            XCTAssertEqual(stored?.mobile, "+33611223344")
            try await app.send(
                .POST, "mon-espace/messages",
                beforeRequest: {
                    Browser.post(&$0, form: ["main": "email", "sms": "oui", "mobile": ""], session: session)
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    XCTAssertTrue(res.body.string.contains("indiquez un numéro de téléphone portable"), res.body.string)
                })
        }
    }

    func testTheChoiceIsInTheCopyOfPersonalData() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "copie-canaux@exemple.fr")
            try await Self.put(app, token: token, ["main": "email", "sms": "true", "mobile": "0798765432"])
            try await app.send(
                .GET, "api/v1/account/export.zip",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                let archive = try Archive(data: Data(buffer: res.body), accessMode: .read)
                let entry = try XCTUnwrap(archive[PersonalDataExport.jsonName])
                var json = Data()
                _ = try archive.extract(entry) { json.append($0) }
                let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
                let channels = try XCTUnwrap(document["messageChannels"] as? [String: Any])
                XCTAssertEqual(channels["mobile"] as? String, "+33798765432")
                XCTAssertEqual(channels["sms"] as? Bool, true)
            }
        }
    }
}
