import Fluent
import XCTVapor

@testable import LogisServer

/// A process killed between writing a file and committing its row leaves a journal entry; the
/// next start settles it: the file is removed unless a document row names it.
final class PendingFileTests: XCTestCase {
    func testEntriesOfADeadProcessAreSettledAndOthersWait() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredApplicantRequest()
            func file(_ name: String) throws -> String {
                let path = try DocumentStore.storagePath(for: name, app: app, creatingFolder: true)
                FileManager.default.createFile(atPath: path, contents: Data("%PDF-1.4".utf8))
                return path
            }
            let orphan = try file("aa00000000000000000000000000000a.pdf")
            let committed = try file("aa00000000000000000000000000000b.pdf")
            let young = try file("aa00000000000000000000000000000c.pdf")
            try await RequestDocument(
                requestID: id, piece: "piece_identite@0", storedName: "aa00000000000000000000000000000b.pdf",
                contentType: "application/pdf", size: 8, sha256: "x"
            ).create(on: app.db)
            let now = Date()
            for (name, pid, host) in [
                ("aa00000000000000000000000000000a.pdf", 4_194_303, ProcessInfo.processInfo.hostName),
                ("aa00000000000000000000000000000b.pdf", 4_194_303, ProcessInfo.processInfo.hostName),
                ("aa00000000000000000000000000000c.pdf", 1, "another-instance"),
            ] {
                let entry = PendingFile(storedName: name, createdAt: now)
                entry.pid = pid
                entry.host = host
                try await entry.create(on: app.db)
            }
            let settled = try await PendingFile.sweep(app, now: now)
            XCTAssertEqual(settled.removed, 1)
            XCTAssertEqual(settled.kept, 1)
            XCTAssertFalse(FileManager.default.fileExists(atPath: orphan), "no row names it: removed")
            XCTAssertTrue(FileManager.default.fileExists(atPath: committed), "its row was committed: kept")
            XCTAssertTrue(FileManager.default.fileExists(atPath: young), "another machine may still commit it")
            let left = try await PendingFile.query(on: app.db).all().map(\.storedName)
            XCTAssertEqual(left, ["aa00000000000000000000000000000c.pdf"])
            let later = try await PendingFile.sweep(app, now: now.addingTimeInterval(PendingFile.settleAfter + 1))
            XCTAssertEqual(later.removed, 1)
            XCTAssertFalse(FileManager.default.fileExists(atPath: young))
        }
    }
}
