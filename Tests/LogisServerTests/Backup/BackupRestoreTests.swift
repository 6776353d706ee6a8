import Foundation
import SQLKit
import XCTVapor
import ZIPFoundation

@testable import LogisServer

final class BackupRestoreTests: XCTestCase {
    /// A folder of its own per test: database, pieces, archive and restored copy.
    var root = ""

    override func setUp() async throws {
        root = "var/tests/backup-\(UUID().uuidString)"
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func settings(_ name: String) -> Settings {
        var settings = TestApp.settings(sqlitePath: "\(root)/\(name)/logis.sqlite")
        settings.filesDirectory = "\(root)/\(name)/files"
        return settings
    }

    /// An application whose database nobody has opened yet: what `logis restore` starts from.
    func unopenedApp(_ settings: Settings) async throws -> Application {
        let app = try await Application.make(.testing)
        try await configure(app, settings: settings)
        return app
    }

    func counts(_ app: Application) async throws -> [String: Int] {
        try await SQLiteFile.tableCounts(try XCTUnwrap(app.db as? any SQLDatabase))
    }

    func fingerprints(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for path in FileTree.regularFiles(under: folder) {
            result[path] = try FileTree.sha256(ofFileAt: folder + "/" + path)
        }
        return result
    }

    func testBackupOfTheDemoRestoresEveryRowAndEveryFileIntoAFreshPath() async throws {
        guard TestApp.databaseURL == nil else { throw XCTSkip("logis backup ne concerne que SQLite") }
        let source = settings("source")
        let app = try await TestApp.make(source)
        let archive = "\(root)/sauvegarde.zip"
        let sourceCounts: [String: Int]
        do {
            try await app.loadDemoData(requests: true)
            // One more piece through the real upload, beside the demo applicant's three.
            let (token, id) = try await app.registeredApplicantRequest()
            let body = Multipart.body(
                fields: ["piece": "piece_identite@0"], file: ("file", "identite.pdf", DocumentsTests.pdf))
            try await app.testable(method: .running(port: 0)).test(
                .POST, "api/v1/requests/\(id)/documents",
                beforeRequest: { (req: inout XCTHTTPRequest) async throws in
                    req.headers.bearerAuthorization = .init(token: token)
                    req.headers.replaceOrAdd(name: .contentType, value: Multipart.contentType)
                    req.body = ByteBuffer(data: body)
                },
                afterResponse: { (res: XCTHTTPResponse) async throws in XCTAssertEqual(res.status, .created) })
            let summary = try await SQLiteBackup.create(app: app, to: archive)
            sourceCounts = try await counts(app)
            XCTAssertEqual(summary.manifest.database.tables, sourceCounts)
            XCTAssertEqual(summary.manifest.fileCount, 4)
            XCTAssertEqual(summary.documentsWithoutFile, 0)
            XCTAssertGreaterThan(sourceCounts["housing_requests"] ?? 0, 600)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()

        let fresh = settings("restauree")
        let restoring = try await unopenedApp(fresh)
        do {
            let summary = try await SQLiteRestore.restore(from: archive, app: restoring)
            XCTAssertEqual(summary.tables, sourceCounts)
            let restoredCounts = try await counts(restoring)
            XCTAssertEqual(restoredCounts, sourceCounts, "every table, row for row")
            let restoredFiles = try fingerprints(fresh.filesDirectory)
            XCTAssertEqual(restoredFiles, try fingerprints(source.filesDirectory))
            XCTAssertEqual(restoredFiles.count, 4)
            // The restored database is a working one: the demo applicant signs in and sees their NUD.
            let session = try await Browser.signIn(
                restoring, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await restoring.send(.GET, "mon-espace", beforeRequest: { Browser.withSession(&$0, session) }) {
                XCTAssertEqual($0.status, .ok)
                XCTAssertTrue($0.body.string.contains("id=\"nud\""))
            }
        } catch {
            try? await restoring.asyncShutdown()
            throw error
        }
        try await restoring.asyncShutdown()
    }

    func testRestoreRefusesAnExistingDatabaseWithoutForce() async throws {
        guard TestApp.databaseURL == nil else { throw XCTSkip("logis restore ne concerne que SQLite") }
        let archive = try await smallBackup()
        let target = settings("cible")
        let first = try await unopenedApp(target)
        _ = try await SQLiteRestore.restore(from: archive, app: first)
        try await first.asyncShutdown()

        let again = try await unopenedApp(target)
        do {
            do {
                _ = try await SQLiteRestore.restore(from: archive, app: again)
                XCTFail("an existing database is replaced only with --force")
            } catch let error as BackupError {
                XCTAssertEqual(error.code, "target_exists")
                XCTAssertTrue(error.message.contains("--force"))
            }
            let summary = try await SQLiteRestore.restore(from: archive, app: again, force: true)
            XCTAssertEqual(summary.manifest.fileCount, 1)
            XCTAssertEqual(try fingerprints(target.filesDirectory).count, 1)
        } catch {
            try? await again.asyncShutdown()
            throw error
        }
        try await again.asyncShutdown()
    }

    func testRestoreRefusesADatabaseThatAnotherProcessHasOpen() async throws {
        guard TestApp.databaseURL == nil else { throw XCTSkip("logis restore ne concerne que SQLite") }
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard let python = searchPath.map({ "\($0)/python3" }).first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("python3 holds the database open in another process") }
        let archive = try await smallBackup()
        let target = settings("en-service")
        let first = try await unopenedApp(target)
        _ = try await SQLiteRestore.restore(from: archive, app: first)
        try await first.asyncShutdown()

        // Another process reads the database in WAL mode and keeps it open, as a server does.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: python)
        holder.arguments = [
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('select count(*) from accounts').fetchall(); "
                + "print('ready', flush=True); sys.stdin.read()",
            target.sqlitePath,
        ]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        // The pipe may deliver the line in pieces: read up to its end before going on.
        var greeting = Data()
        while !greeting.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            greeting.append(chunk)
        }
        XCTAssertEqual(String(decoding: greeting, as: UTF8.self), "ready\n")

        let app = try await unopenedApp(target)
        do {
            do {
                _ = try await SQLiteRestore.restore(from: archive, app: app, force: true)
                XCTFail("a database in use is never replaced, even with --force")
            } catch let error as BackupError {
                XCTAssertEqual(error.code, "database_in_use")
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    func testRestoreRefusesAnArchiveWhosePieceWasAlteredAndLeavesNothingBehind() async throws {
        guard TestApp.databaseURL == nil else { throw XCTSkip("logis restore ne concerne que SQLite") }
        let archivePath = try await smallBackup()
        let archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .update)
        let piece = try XCTUnwrap(archive.first { $0.path.hasPrefix(BackupManifest.filesFolder) })
        let name = piece.path
        try archive.remove(piece)
        try archive.addEntry(named: name, data: Data("pas la pièce d’origine".utf8))

        let target = settings("alteree")
        let app = try await unopenedApp(target)
        do {
            do {
                _ = try await SQLiteRestore.restore(from: archivePath, app: app)
                XCTFail("an altered piece must be refused")
            } catch let error as BackupError {
                XCTAssertEqual(error.code, "checksum_mismatch")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: target.sqlitePath))
            XCTAssertEqual(FileTree.regularFiles(under: "\(root)/alteree"), [], "no staging left behind")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    func testBackupOnPostgreSQLSaysToUsePgDump() async throws {
        var postgres = settings("pg")
        // Never contacted: the command stops before touching the database.
        postgres.databaseURL = "postgres://logis@127.0.0.1:1/logis"
        let app = try await unopenedApp(postgres)
        do {
            do {
                _ = try await SQLiteBackup.create(app: app, to: "\(root)/pg.zip")
                XCTFail("no SQLite backup of a PostgreSQL database")
            } catch let error as BackupError {
                XCTAssertEqual(error.code, "postgres_use_pg_tools")
                XCTAssertTrue(error.message.contains("pg_dump"))
                XCTAssertTrue(error.message.contains("docs/OPERATIONS.md"))
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// A backup of a migrated database with the demo accounts and one piece written to disk.
    func smallBackup() async throws -> String {
        let source = settings("petite")
        let app = try await TestApp.make(source)
        let archive = "\(root)/petite.zip"
        do {
            try await app.loadDemoData()
            let folder = source.filesDirectory + "/ab"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("%PDF-1.4 pièce".utf8).write(to: URL(fileURLWithPath: folder + "/abcdef0123.pdf"))
            _ = try await SQLiteBackup.create(app: app, to: archive)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return archive
    }
}
