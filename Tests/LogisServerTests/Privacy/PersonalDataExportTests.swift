import Fluent
import Foundation
import XCTVapor
import ZIPFoundation

@testable import LogisServer

final class PersonalDataExportTests: XCTestCase {
    /// The entries of a downloaded zip, by path.
    func entries(of body: ByteBuffer) throws -> [String: Data] {
        let archive = try Archive(data: Data(buffer: body), accessMode: .read)
        var result: [String: Data] = [:]
        for entry in archive {
            result[entry.path] = try archive.contents(of: entry, limit: 50_000_000)
        }
        return result
    }

    func json(_ data: Data?) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(data)) as? [String: Any])
    }

    func upload(_ app: Application, token: String, request id: UUID, data: Data) async throws {
        let body = Multipart.body(fields: ["piece": "piece_identite@0"], file: ("file", "cni.pdf", data))
        try await app.testable(method: .running(port: 0)).test(
            .POST, "api/v1/requests/\(id)/documents",
            beforeRequest: { (req: inout XCTHTTPRequest) async throws in
                req.headers.bearerAuthorization = .init(token: token)
                req.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
                req.body = ByteBuffer(data: body)
            },
            afterResponse: { (res: XCTHTTPResponse) async throws in XCTAssertEqual(res.status, .created) })
    }

    func testTheDemoApplicantDownloadsAllTheirDataAndNothingOfAnotherHousehold() async throws {
        try await withApp { app in
            try await app.loadDemoData(requests: true)
            let foundApplicant = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr")
                .first()
            let applicant = try XCTUnwrap(foundApplicant)
            let foundRequest = try await HousingRequest.query(on: app.db).filter(\.$account.$id == applicant.id)
                .first()
            let own = try XCTUnwrap(foundRequest)
            let nud = try XCTUnwrap(own.nud)
            let ownDocuments = try await RequestDocument.query(on: app.db).filter(\.$request.$id == own.id!).all()

            // Another household in the same territory, with a piece of its own.
            let (otherToken, otherID) = try await app.registeredApplicantRequest()
            let otherPiece = Data("%PDF-1.4\n% pièce d’un autre foyer\n%%EOF\n".utf8)
            try await upload(app, token: otherToken, request: otherID, data: otherPiece)
            let other = try await app.storedRequest(otherID)
            let otherNUD = try XCTUnwrap(other.nud)
            let otherAccount = try await Account.find(other.$account.id, on: app.db)
            let otherEmail = try XCTUnwrap(otherAccount).email

            // A desk agent opens both files: only the demo applicant's read belongs in their export.
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            for id in [own.id!, otherID] {
                try await app.send(
                    .GET, "guichet/demandes/\(id)?motif=instruction",
                    beforeRequest: { Browser.withSession(&$0, agent) },
                    afterResponse: { XCTAssertEqual($0.status, .ok) })
            }

            let session = try await Browser.signIn(app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) {
                XCTAssertTrue($0.body.string.contains("href=\"/mon-espace/mes-donnees.zip\""))
            }
            var files: [String: Data] = [:]
            try await app.send(.GET, "mon-espace/mes-donnees.zip", beforeRequest: { Browser.withSession(&$0, session) })
            {
                XCTAssertEqual($0.status, .ok)
                XCTAssertEqual($0.headers.contentType?.description, "application/zip")
                XCTAssertTrue($0.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") ?? false)
                XCTAssertEqual($0.headers.first(name: .cacheControl), "no-store")
                files = try entries(of: $0.body)
            }

            let text = try XCTUnwrap(files[PersonalDataExport.jsonName].map { String(decoding: $0, as: UTF8.self) })
            XCTAssertTrue(text.contains("\n  \""), "pretty-printed")
            XCTAssertTrue(text.contains(nud))
            XCTAssertTrue(text.contains("Camille Démo"), "UTF-8, not escaped")
            XCTAssertFalse(text.contains(applicant.passwordHash), "never the password hash")
            XCTAssertFalse(text.lowercased().contains("password"))
            // Nothing of the other household: not its NUD, its e-mail, its request id nor its piece.
            XCTAssertFalse(text.contains(otherNUD))
            XCTAssertFalse(text.contains(otherEmail))
            XCTAssertFalse(text.contains(otherID.uuidString))
            XCTAssertFalse(text.contains(otherID.uuidString.lowercased()))
            XCTAssertFalse(text.contains(HexDigest.sha256(otherPiece)))
            XCTAssertFalse(files.values.contains(otherPiece))

            let document = try json(files[PersonalDataExport.jsonName])
            XCTAssertEqual((document["account"] as? [String: Any])?["email"] as? String, "demandeur@demo.logis.fr")
            let requests = try XCTUnwrap(document["requests"] as? [[String: Any]])
            XCTAssertEqual(requests.map { $0["nud"] as? String }, [nud])
            let request = requests[0]
            XCTAssertNotNil((request["form"] as? [String: Any])?["applicant"])
            XCTAssertFalse((request["timeline"] as? [Any] ?? []).isEmpty)
            XCTAssertFalse((request["wishes"] as? [Any] ?? []).isEmpty)
            // Each piece: its metadata, and its file in the zip with the recorded fingerprint.
            let pieces = try XCTUnwrap(request["documents"] as? [[String: Any]])
            XCTAssertEqual(pieces.count, ownDocuments.count)
            XCTAssertEqual(ownDocuments.count, 3)
            for piece in pieces {
                let path = try XCTUnwrap(piece["file"] as? String)
                XCTAssertTrue(path.hasPrefix("pieces/\(nud)/"), path)
                let data = try XCTUnwrap(files[path], path)
                XCTAssertEqual(HexDigest.sha256(data), piece["sha256"] as? String)
            }
            XCTAssertTrue(pieces.contains { $0["status"] as? String == "refusee" && $0["comment"] != nil })

            // Who read the file, when and why: the agent by role and desk, never by name.
            let audit = try XCTUnwrap(document["auditEntries"] as? [[String: Any]])
            let reads = audit.filter { $0["action"] as? String == "request_read" }
            XCTAssertEqual(reads.count, 1, "the read of the other file is not theirs")
            XCTAssertEqual(reads.first?["targetID"] as? String, own.id?.uuidString)
            XCTAssertEqual(reads.first?["actorRole"] as? String, "enregistreur")
            XCTAssertEqual(reads.first?["actorDesk"] as? String, "France Services Petite Camargue")
            XCTAssertEqual(reads.first?["reason"] as? String, "instruction")
            XCTAssertEqual(reads.first?["byYou"] as? Bool, false)
            XCTAssertFalse(text.contains("Agent enregistreur (démo)"))
            XCTAssertFalse(text.contains("enregistreur@demo.logis.fr"))
            XCTAssertTrue(audit.contains { $0["action"] as? String == "sign_in" && $0["byYou"] as? Bool == true })
            XCTAssertNotNil(files[PersonalDataExport.readmeName])

            // The export itself is audited.
            let exports = try await AuditEntry.query(on: app.db).filter(\.$action == "personal_data_exported").all()
            XCTAssertEqual(exports.map(\.actorAccountID), [applicant.id])
            XCTAssertEqual(exports.map(\.reason), ["mon-espace"])

            // The same through the API, for the applicant only.
            let token = try await app.demoToken("demandeur@demo.logis.fr")
            try await app.send(
                .GET, "api/v1/account/export.zip",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) {
                XCTAssertEqual($0.status, .ok)
                let viaAPI = try json(try entries(of: $0.body)[PersonalDataExport.jsonName])
                XCTAssertEqual((viaAPI["requests"] as? [[String: Any]])?.map { $0["nud"] as? String }, [nud])
            }
            let agentToken = try await app.demoToken("enregistreur@demo.logis.fr")
            try await app.send(
                .GET, "api/v1/account/export.zip",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: agentToken) },
                afterResponse: { XCTAssertEqual($0.status, .forbidden) })
            try await app.send(.GET, "mon-espace/mes-donnees.zip") { XCTAssertNotEqual($0.status, .ok) }
        }
    }

    func testAnApplicantWithoutARequestGetsTheirAccount() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "sans-demande@exemple.fr")
            try await app.send(
                .GET, "api/v1/account/export.zip",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) {
                XCTAssertEqual($0.status, .ok)
                let document = try json(try entries(of: $0.body)[PersonalDataExport.jsonName])
                XCTAssertEqual((document["account"] as? [String: Any])?["email"] as? String, "sans-demande@exemple.fr")
                XCTAssertEqual((document["requests"] as? [Any])?.count, 0)
                XCTAssertEqual(document["format"] as? String, PersonalDataDocument.format)
            }
        }
    }
}
