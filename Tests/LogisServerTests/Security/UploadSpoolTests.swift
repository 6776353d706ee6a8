import Crypto
import Fluent
import XCTVapor

@testable import LogisServer

/// Uploads are received to disk as they arrive (`UploadSpool`), not collected in memory: what is
/// left behind on every path (refused, cut short, too slow, stored) is checked on disk and among
/// the process's open files. Each test talks to the real server over a socket.
final class UploadSpoolTests: XCTestCase {
    func testUploadOverTheCapIsRefusedAndLeavesNoFile() async throws {
        var limits = RequestLimits()
        limits.uploadBody = 200_000
        try await withRunningApp(limits: limits) { app, port in
            let (token, id) = try await app.registeredApplicantRequest()
            // No Content-Length: the cap is found while the body is being written to disk.
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /api/v1/requests/\(id)/documents HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: \(Multipart.contentType)\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = String(repeating: "x", count: 50_000)
            socket.send(String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n")
            try await waitUntil("the body is being written to a file") { try self.openFiles(app) > 0 }
            var answer = RawSocket.Received.silent
            for _ in 0..<8 where answer == .silent {
                socket.send(String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n")
                answer = await socket.receive(within: .milliseconds(200))
            }
            XCTAssertEqual(answer.status, 413, "\(answer)")
            guard case .bytes(let text) = answer else { return }
            XCTAssertTrue(text.contains("payload_too_large"), text)
            try await assertNothingLeft(app)
        }
    }

    func testAFormThatIsNotAnUploadIsNotSpooled() async throws {
        try await withRunningApp { app, port in
            let (token, _) = try await app.registeredApplicantRequest()
            let body = String(repeating: "x", count: 100_000)
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /api/v1/requests HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: \(Multipart.contentType)\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            let answer = await socket.receive(within: .seconds(3))
            XCTAssertEqual(answer.status, 413, "a form's limit (64 kB), not an upload's: \(answer)")
        }
    }

    func testBodyCutShortLeavesNoFile() async throws {
        try await withRunningApp { app, port in
            let (token, id) = try await app.registeredApplicantRequest()
            do {
                let socket = try RawSocket(port: port)
                socket.send(
                    "POST /api/v1/requests/\(id)/documents HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                        + "Content-Type: \(Multipart.contentType)\r\nContent-Length: 1000000\r\n\r\n"
                        + String(repeating: "x", count: 300_000))
                try await waitUntil("the body is being written to a file") { try self.openFiles(app) > 0 }
                XCTAssertEqual(try listedFiles(app), [], "the file being received has no name")
            }
            // The socket is closed: the body stops at 300 kB of 1 MB.
            try await assertNothingLeft(app)
        }
    }

    func testBodyTooSlowLeavesNoFile() async throws {
        var limits = RequestLimits()
        limits.uploadDeadline = .seconds(1)
        try await withRunningApp(limits: limits) { app, port in
            let (token, id) = try await app.registeredApplicantRequest()
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /api/v1/requests/\(id)/documents HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: \(Multipart.contentType)\r\nContent-Length: 100000\r\n\r\n")
            var answer = RawSocket.Received.silent
            for _ in 0..<10 where answer == .silent {
                socket.send(String(repeating: "x", count: 1000))
                answer = await socket.receive(within: .milliseconds(300))
            }
            XCTAssertEqual(answer.status, 408, "\(answer)")
            try await assertNothingLeft(app)
        }
    }

    func testStoredPieceHasTheBytesThatWereSent() async throws {
        try await withRunningApp { app, port in
            let (token, id) = try await app.registeredApplicantRequest()
            var pdf = Data("%PDF-1.7\n".utf8)
            pdf.append(contentsOf: (0..<1_200_000).map { _ in UInt8.random(in: 0...255) })
            let body = Array(Multipart.body(fields: ["piece": "piece_identite@0"], file: ("file", "scan.pdf", pdf)))
            let socket = try RawSocket(port: port)
            socket.send(
                "POST /api/v1/requests/\(id)/documents HTTP/1.1\r\nHost: logis\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: \(Multipart.contentType)\r\nContent-Length: \(body.count)\r\n\r\n")
            // In uneven pieces, so that boundaries and chunks do not line up.
            var offset = 0
            for size in [10, 70_001, 500_000, 33] {
                socket.send(Array(body[offset..<(offset + size)]))
                offset += size
            }
            socket.send(Array(body[offset...]))
            let answer = await socket.receive(within: .seconds(30))
            XCTAssertEqual(answer.status, 201, "\(answer)")
            let found = try await RequestDocument.query(on: app.db).first()
            let document = try XCTUnwrap(found)
            let sent = SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined()
            XCTAssertEqual(document.sha256, sent)
            XCTAssertEqual(document.size, pdf.count)
            let path = try DocumentStore.storagePath(for: document.storedName, app: app, creatingFolder: false)
            let stored = try XCTUnwrap(FileManager.default.contents(atPath: path))
            XCTAssertEqual(SHA256.hash(data: stored).map { String(format: "%02x", $0) }.joined(), sent)
            try await assertNothingLeft(app)
        }
    }

    func testIncomingFilesOfDeadProcessesAreRemovedAtStart() async throws {
        try await withApp { app in
            let root = IncomingFiles.root(app)
            let host = ProcessInfo.processInfo.hostName
            func file(_ folder: String, _ name: String, age: TimeInterval = 0) throws -> String {
                try FileManager.default.createDirectory(
                    atPath: root + "/" + folder, withIntermediateDirectories: true)
                let path = root + "/" + folder + "/" + name
                XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
                try FileManager.default.setAttributes(
                    [.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
                return path
            }
            let dead = try file("\(host).4194303", "a.body")
            let young = try file("autre-instance.12", "b.piece")
            let old = try file("autre-instance.12", "c.piece", age: PendingFile.settleAfter + 60)
            let settled = try await PendingFile.sweep(app, now: Date())
            XCTAssertEqual(settled.removed, 2)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dead), "its process is gone")
            XCTAssertTrue(FileManager.default.fileExists(atPath: young), "another machine may still be receiving it")
            XCTAssertFalse(FileManager.default.fileExists(atPath: old))
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    // MARK: - Helpers

    /// Neither a named file in the incoming folder nor an open one (the unnamed spool) is left.
    private func assertNothingLeft(
        _ app: Application, file: StaticString = #filePath, line: UInt = #line
    )
        async throws
    {
        try await waitUntil("the upload's files are closed", file: file, line: line) { try self.openFiles(app) == 0 }
        XCTAssertEqual(try listedFiles(app), [], file: file, line: line)
    }

    private func listedFiles(_ app: Application) throws -> [String] {
        let root = IncomingFiles.root(app)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder)
                && !isFolder.boolValue
        }
    }

    /// Descriptors of this process open on files under the files folder.
    private func openFiles(_ app: Application) throws -> Int {
        let folder = URL(fileURLWithPath: DocumentStore.directory(app)).resolvingSymlinksInPath().path
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return descriptors.filter { descriptor in
            let target =
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + descriptor)) ?? ""
            return target.hasPrefix(folder + "/")
        }.count
    }

    private func waitUntil(
        _ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool
    ) async throws {
        for _ in 0..<50 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("timed out waiting until \(what)", file: file, line: line)
    }

    private func withRunningApp(
        limits: RequestLimits = RequestLimits(), _ body: (Application, Int) async throws -> Void
    ) async throws {
        var settings = TestApp.settings()
        settings.limits = limits
        settings.filesDirectory = "var/tests/files-\(UUID().uuidString)"
        let app = try await TestApp.make(settings)
        defer { try? FileManager.default.removeItem(atPath: settings.filesDirectory) }
        do {
            try await app.loadDemoData()
            let port = try await app.startServer()
            try await body(app, port)
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            TestApp.removeFiles(of: settings)
            throw error
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
        TestApp.removeFiles(of: settings)
    }
}
