import Fluent
import XCTVapor

@testable import LogisServer

final class DocumentsTests: XCTestCase {
    static let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    static func upload(
        _ app: Application, token: String, id: UUID, piece: String, filename: String, data: Data,
        check: (XCTHTTPResponse) throws -> Void
    ) async throws {
        let body = Multipart.body(fields: ["piece": piece], file: ("file", filename, data))
        try await app.testable(method: .running(port: 0)).test(
            .POST, "api/v1/requests/\(id)/documents",
            beforeRequest: { (req: inout XCTHTTPRequest) async throws in
                req.headers.bearerAuthorization = .init(token: token)
                req.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
                req.body = ByteBuffer(data: body)
            },
            afterResponse: { (res: XCTHTTPResponse) async throws in try check(res) })
    }

    func testChecklistUploadAddAndDelete() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            var pieceCodes: [String] = []
            try await app.send(
                .GET, "api/v1/requests/\(id)/documents",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                let view = try res.content.decode(ChecklistView.self)
                pieceCodes = view.checklist.map(\.code)
                XCTAssertFalse(view.completeForInstruction)
            }
            // Arrêté du 19 avril 2022: an identity piece for each adult at registration.
            XCTAssertTrue(pieceCodes.contains("piece_identite@0"), "\(pieceCodes)")
            XCTAssertTrue(pieceCodes.contains("piece_identite@1"), "\(pieceCodes)")
            XCTAssertTrue(pieceCodes.contains("quittance_loyer"), "tenants give a rent receipt: \(pieceCodes)")
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "cni.pdf", data: Self.pdf
            ) {
                XCTAssertEqual($0.status, .created, $0.body.string)
            }
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "cni.png", data: Self.png
            ) {
                XCTAssertEqual($0.status, .created, "a piece not yet validated takes another file")
            }
            var documents = try await RequestDocument.query(on: app.db).all()
            XCTAssertEqual(documents.map(\.piece).sorted(), ["piece_identite@0", "piece_identite@0#2"])
            // Replacing is removing the first file: the second becomes the piece's first.
            let first = try XCTUnwrap(documents.first { $0.piece == "piece_identite@0" })
            try await app.send(
                .DELETE, "api/v1/requests/\(id)/documents/\(try first.requireID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .noContent) })
            documents = try await RequestDocument.query(on: app.db).all()
            XCTAssertEqual(documents.map(\.piece), ["piece_identite@0"])
            let document = try XCTUnwrap(documents.first)
            XCTAssertEqual(document.contentType, "image/png")
            XCTAssertEqual(document.size, Self.png.count)
            XCTAssertEqual(document.sha256, HexDigest.sha256(Self.png))
            let path = try DocumentStore.storagePath(for: document.storedName, app: app, creatingFolder: false)
            XCTAssertTrue(path.hasPrefix(app.logisSettings.filesDirectory), "stored outside Public/")
            XCTAssertEqual(FileManager.default.contents(atPath: path), Self.png)
            XCTAssertFalse(document.storedName.contains("cni"), "random name, not the uploaded one")

            document.status = .validee
            try await document.save(on: app.db)
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "x.pdf", data: Self.pdf
            ) {
                XCTAssertEqual($0.status, .conflict)
                XCTAssertTrue($0.body.string.contains("document_locked"))
            }
            try await app.send(
                .DELETE, "api/v1/requests/\(id)/documents/\(try document.requireID())",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: token) },
                afterResponse: { XCTAssertEqual($0.status, .conflict) })
        }
    }

    func testBadFilesAreRefusedWithClearErrors() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "grand.pdf",
                data: Self.pdf + Data(count: 6 * 1024 * 1024)
            ) { res in
                XCTAssertEqual(res.status, .payloadTooLarge)
                XCTAssertTrue(res.body.string.contains("payload_too_large"))
            }
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "presque.pdf",
                data: Self.pdf + Data(count: 5 * 1024 * 1024)
            ) { res in
                XCTAssertEqual(res.status, .payloadTooLarge, "over 5 MB but under the body limit")
            }
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "image.pdf", data: Self.png
            ) {
                XCTAssertEqual($0.status, .unsupportedMediaType, "a PNG renamed .pdf: the bytes contradict the name")
                XCTAssertTrue($0.body.string.contains("file_type_mismatch"))
            }
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "script.exe", data: Self.pdf
            ) {
                XCTAssertEqual($0.status, .unsupportedMediaType, "only .pdf, .jpg, .jpeg and .png names")
            }
            let html = Data("<html><script>alert(1)</script></html>".utf8)
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "page.pdf", data: html
            ) {
                XCTAssertEqual($0.status, .unsupportedMediaType)
                XCTAssertTrue($0.body.string.contains("unsupported_file_type"))
            }
            try await Self.upload(
                app, token: token, id: id, piece: "../../etc/passwd", filename: "../../evil.pdf", data: Self.pdf
            ) {
                XCTAssertEqual($0.status, .unprocessableEntity)
                XCTAssertTrue($0.body.string.contains("unknown_piece"))
            }
            try await Self.upload(
                app, token: token, id: id, piece: "piece_identite@0", filename: "vide.pdf", data: Data()
            ) {
                XCTAssertEqual($0.status, .unprocessableEntity)
            }
            let stored = try await RequestDocument.query(on: app.db).count()
            XCTAssertEqual(stored, 0, "nothing bad was kept")
        }
    }

    func testAnotherApplicantCannotListOrUploadPieces() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredApplicantRequest()
            let (intruder, _) = try await app.registeredApplicantRequest()
            try await app.send(
                .GET, "api/v1/requests/\(id)/documents",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: intruder) },
                afterResponse: { XCTAssertEqual($0.status, .notFound) })
            try await Self.upload(
                app, token: intruder, id: id, piece: "piece_identite@0", filename: "a.pdf", data: Self.pdf
            ) {
                XCTAssertEqual($0.status, .notFound)
            }
        }
    }

    func testParallelUploadsOfOnePieceAreRefusedNotFailed() async throws {
        try await withApp(demo: true) { app in
            let (token, id) = try await app.registeredApplicantRequest()
            let body = Multipart.body(fields: ["piece": "piece_identite@0"], file: ("file", "cni.pdf", Self.pdf))
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        var status: UInt = 0
                        try await app.send(
                            .POST, "api/v1/requests/\(id)/documents",
                            beforeRequest: {
                                $0.headers.bearerAuthorization = .init(token: token)
                                $0.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
                                $0.body = ByteBuffer(data: body)
                            },
                            afterResponse: { status = $0.status.code })
                        return status
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            XCTAssertFalse(statuses.contains { $0 >= 500 }, "\(statuses)")
            XCTAssertTrue(statuses.allSatisfy { $0 == 201 || $0 == 409 }, "\(statuses)")
            XCTAssertGreaterThan(statuses.filter { $0 == 201 }.count, 0)
            let rows = try await RequestDocument.query(on: app.db).filter(\.$request.$id == id)
                .filter(\.$piece == "piece_identite@0").count()
            XCTAssertEqual(rows, 1, "one piece, one row")
        }
    }
}
