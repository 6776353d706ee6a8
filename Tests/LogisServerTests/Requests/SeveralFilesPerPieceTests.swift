import Fluent
import XCTVapor
import ZIPFoundation

@testable import LogisServer

/// Issue 13 item 7: a piece takes several files (both sides of a card, three payslips); each file
/// is a row of its own, so removal, review, queues and the export keep every file in step.
final class SeveralFilesPerPieceTests: XCTestCase {
    struct Uploaded: Decodable {
        let id: UUID
        let piece: String
        let part: Int
        let status: String
    }

    /// `DocumentsTests.upload`, answering the body after checking the status.
    func upload(
        _ app: Application, token: String, request id: UUID, piece: String = "piece_identite@0", data: Data,
        expect status: HTTPStatus = .created
    ) async throws -> String {
        var answer = ""
        try await DocumentsTests.upload(app, token: token, id: id, piece: piece, filename: "scan.pdf", data: data) {
            XCTAssertEqual($0.status, status, $0.body.string)
            answer = $0.body.string
        }
        return answer
    }

    /// A distinct PDF per file, so each stored file can be told apart on disk.
    static func pdf(_ n: Int) -> Data { Data("%PDF-1.4\n% page \(n)\n%%EOF\n".utf8) }

    func files(_ app: Application, of id: UUID) async throws -> [RequestDocument] {
        try await RequestDocument.query(on: app.db).filter(\.$request.$id == id).all()
            .sorted { $0.piece < $1.piece }
    }

    func onDisk(_ app: Application, _ document: RequestDocument) throws -> Data? {
        FileManager.default.contents(
            atPath: try DocumentStore.storagePath(for: document.storedName, app: app, creatingFolder: false))
    }

    func testFilesAreAddedNumberedAndRenumberedWhenOneIsDeleted() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            let first = try JSONDecoder().decode(
                Uploaded.self, from: Data(try await upload(app, token: token, request: id, data: Self.pdf(1)).utf8))
            let second = try JSONDecoder().decode(
                Uploaded.self, from: Data(try await upload(app, token: token, request: id, data: Self.pdf(2)).utf8))
            XCTAssertEqual([first.piece, second.piece], ["piece_identite@0", "piece_identite@0"])
            XCTAssertEqual([first.part, second.part], [1, 2], "the second upload adds a file, it replaces nothing")
            var stored = try await files(app, of: id)
            XCTAssertEqual(stored.map(\.piece), ["piece_identite@0", "piece_identite@0#2"])

            var checklist: ChecklistView?
            try await app.send(
                .GET, "api/v1/requests/\(id)/documents",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { checklist = try $0.content.decode(ChecklistView.self) })
            let item = try XCTUnwrap(checklist?.checklist.first { $0.code == "piece_identite@0" })
            XCTAssertEqual(item.files.map(\.number), [1, 2])
            XCTAssertEqual(item.files.map(\.id), [first.id, second.id])
            XCTAssertEqual(item.status, "en_attente")

            // Deleting the first file: the second moves up, its bytes untouched; the first leaves the disk.
            let removed = try XCTUnwrap(stored.first)
            try await app.send(
                .DELETE, "api/v1/requests/\(id)/documents/\(first.id)",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .noContent) })
            XCTAssertNil(try onDisk(app, removed))
            stored = try await files(app, of: id)
            XCTAssertEqual(stored.map(\.piece), ["piece_identite@0"])
            XCTAssertEqual(stored.first?.id, second.id)
            XCTAssertEqual(try onDisk(app, try XCTUnwrap(stored.first)), Self.pdf(2))

            // Up to five files, then a clear refusal.
            for n in 3...6 { _ = try await upload(app, token: token, request: id, data: Self.pdf(n)) }
            let refused = try await upload(app, token: token, request: id, data: Self.pdf(7), expect: .conflict)
            XCTAssertTrue(refused.contains("too_many_files"), refused)
            XCTAssertTrue(refused.contains("déjà 5 fichiers"), refused)
            stored = try await files(app, of: id)
            XCTAssertEqual(
                stored.map(\.piece).sorted(),
                [
                    "piece_identite@0", "piece_identite@0#2", "piece_identite@0#3", "piece_identite@0#4",
                    "piece_identite@0#5",
                ])
        }
    }

    func testAVerdictIsThePiecesAndANewFileReplacesTheRefusedOnes() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            let agent = try await app.demoToken("enregistreur@demo.logis.fr")
            struct Queue: Decodable { let count: Int }
            func piecesToCheck() async throws -> Int {
                var count = -1
                try await app.send(
                    .GET, "api/v1/guichet/queues/pieces",
                    beforeRequest: { $0.headers.bearerAuthorization = .init(token: agent) },
                    afterResponse: { res in
                        XCTAssertEqual(res.status, .ok, res.body.string)
                        count = try res.content.decode(Queue.self).count
                    })
                return count
            }
            let waiting = try await piecesToCheck()
            _ = try await upload(app, token: token, request: id, data: Self.pdf(1))
            _ = try await upload(app, token: token, request: id, data: Self.pdf(2))
            _ = try await upload(app, token: token, request: id, piece: "quittance_loyer", data: Self.pdf(9))
            let before = try await files(app, of: id)
            let verso = try XCTUnwrap(before.first { $0.piece == "piece_identite@0#2" })

            // The queue counts the identity piece once, not once per file.
            let afterUploads = try await piecesToCheck()
            XCTAssertEqual(afterUploads - waiting, 2, "one line per piece: identity and rent receipt")

            // Refused through its second file: both files are refused, the rent receipt untouched.
            try await app.send(
                .POST, "api/v1/guichet/requests/\(id)/documents/\(try verso.requireID())/refuse",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: agent)
                    try $0.content.encode(["reason": "inexploitable", "comment": "Le verso est illisible."])
                },
                afterResponse: { XCTAssertEqual($0.status, .ok, $0.body.string) })
            var stored = try await files(app, of: id)
            XCTAssertEqual(stored.map(\.status), [.refusee, .refusee, .enAttente])
            XCTAssertEqual(stored.map(\.comment), ["Le verso est illisible.", "Le verso est illisible.", nil])

            // A new file replaces both refused ones: the piece waits for review with that file alone.
            _ = try await upload(app, token: token, request: id, data: Self.pdf(3))
            stored = try await files(app, of: id)
            XCTAssertEqual(stored.map(\.piece), ["piece_identite@0", "quittance_loyer"])
            XCTAssertEqual(stored.first?.status, .enAttente)
            XCTAssertEqual(try onDisk(app, try XCTUnwrap(stored.first)), Self.pdf(3))
            for old in before where old.piece.hasPrefix("piece_identite") {
                XCTAssertNil(try onDisk(app, old), "a replaced file leaves the disk")
            }

            // Validated through its first file: every file is, and the piece is locked.
            _ = try await upload(app, token: token, request: id, data: Self.pdf(4))
            let recto = try XCTUnwrap(stored.first)
            try await app.send(
                .POST, "api/v1/guichet/requests/\(id)/documents/\(try recto.requireID())/validate",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: agent) },
                afterResponse: { XCTAssertEqual($0.status, .ok, $0.body.string) })
            stored = try await files(app, of: id)
            XCTAssertEqual(stored.map(\.status), [.validee, .validee, .enAttente])
            let locked = try await upload(app, token: token, request: id, data: Self.pdf(5), expect: .conflict)
            XCTAssertTrue(locked.contains("document_locked"), locked)
            try await app.send(
                .DELETE, "api/v1/requests/\(id)/documents/\(try stored[1].requireID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .conflict) })
        }
    }

    func testThePagesListEachFileAndTheExportKeepsThemAll() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            _ = try await upload(app, token: token, request: id, data: Self.pdf(1))
            _ = try await upload(app, token: token, request: id, data: Self.pdf(2))
            let session = try await Browser.signIn(
                app, email: "enregistreur@demo.logis.fr", password: "logis-demo-2026")
            try await app.send(
                .GET, "guichet/demandes/\(id)", beforeRequest: { Browser.withSession(&$0, session) }
            ) { res in
                XCTAssertEqual(res.status, .ok, res.body.string)
                let page = res.body.string
                XCTAssertTrue(page.contains("Voir le fichier 1"), "the agent opens each file")
                XCTAssertTrue(page.contains("Voir le fichier 2"))
                XCTAssertTrue(page.contains("Ajouter un fichier"))
            }
            let request = try await app.storedRequest(id)
            let account = try await Account.find(request.$account.id, on: app.db)
            let email = try XCTUnwrap(account).email
            let applicant = try await Browser.signIn(app, email: email, password: "Logement-Test-2026")
            try await app.send(.GET, "mon-espace/pieces", beforeRequest: { Browser.withSession(&$0, applicant) }) {
                let page = $0.body.string
                XCTAssertTrue(page.contains("Fichier 1 · PDF, 1 ko"), "each file listed with its format and size")
                XCTAssertTrue(page.contains("Fichier 2 · PDF, 1 ko"))
                XCTAssertTrue(page.contains("Supprimer<span class=\"visually-hidden\"> le fichier 2 : "))
                XCTAssertTrue(page.contains("Ajouter un fichier à cette pièce"))
            }
            var zip = ByteBuffer()
            try await app.send(
                .GET, "mon-espace/mes-donnees.zip", beforeRequest: { Browser.withSession(&$0, applicant) },
                afterResponse: { zip = $0.body })
            let archive = try Archive(data: Data(buffer: zip), accessMode: .read)
            let names = archive.map(\.path).filter { $0.hasPrefix("pieces/") }.sorted()
            let nud = try XCTUnwrap(request.nud)
            XCTAssertEqual(
                names, ["pieces/\(nud)/piece_identite-0-fichier-2.pdf", "pieces/\(nud)/piece_identite-0.pdf"])
            let second = try XCTUnwrap(archive["pieces/\(nud)/piece_identite-0-fichier-2.pdf"])
            var bytes = Data()
            _ = try archive.extract(second) { bytes.append($0) }
            XCTAssertEqual(bytes, Self.pdf(2))
        }
    }
}
