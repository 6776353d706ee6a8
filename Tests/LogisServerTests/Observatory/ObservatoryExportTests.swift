import Fluent
import SQLKit
import XCTVapor
import ZIPFoundation

@testable import LogisServer

/// Issue 16 §3: every figure as one ZIP, built in the background with its progress, for its
/// author only; one build at a time per person.
final class ObservatoryExportTests: XCTestCase {
    struct State: Decodable {
        let status: String
        let done: Int
        let total: Int
    }

    func state(_ app: Application, _ path: String, session: String) async throws -> State? {
        var state: State?
        try await app.send(.GET, "\(path)/etat", beforeRequest: { Browser.withSession(&$0, session) }) { res in
            XCTAssertEqual(res.status, .ok, res.body.string)
            state = try? res.content.decode(State.self)
        }
        return state
    }

    func testTheEpciGetsEveryFigureInOneZipBuiltInTheBackground() async throws {
        try await withApp(demo: true) { app in
            try await ObservatoryFixture.load(on: app)
            let epci = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            var path = ""
            try await app.send(
                .POST, "observatoire/exports?annee=2026", beforeRequest: { Browser.post(&$0, form: [:], session: epci) }
            ) { res in
                XCTAssertEqual(res.status, .seeOther, res.body.string)
                path = res.headers.first(name: .location) ?? ""
            }
            XCTAssertTrue(path.hasPrefix("/observatoire/exports/"), path)
            var last: State?
            for _ in 0..<200 {
                last = try await state(app, path, session: epci)
                if last?.status != "running" { break }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            XCTAssertEqual(last?.status, "done")
            XCTAssertEqual(last?.done, ObservatoryFigure.allCases.count)
            try await app.send(.GET, path, beforeRequest: { Browser.withSession(&$0, epci) }) { res in
                XCTAssertTrue(res.body.string.contains("Le fichier est prêt"), res.body.string)
            }

            var zip = ByteBuffer()
            try await app.send(.GET, "\(path)/fichier", beforeRequest: { Browser.withSession(&$0, epci) }) { res in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(res.headers.contentType?.description, "application/zip")
                zip = res.body
            }
            let archive = try Archive(data: Data(buffer: zip), accessMode: .read)
            let names = archive.map(\.path).sorted()
            XCTAssertEqual(
                names, ObservatoryFigure.allCases.map { "observatoire-\($0.rawValue)-2026.csv" }.sorted())
            // The file in the ZIP is byte for byte the figure's own CSV for the same filter.
            var inZip = Data()
            let entry = try XCTUnwrap(archive["observatoire-pending-by-typology-2026.csv"])
            _ = try archive.extract(entry) { inZip.append($0) }
            try await app.send(
                .GET, "observatoire/csv/pending-by-typology?annee=2026",
                beforeRequest: { Browser.withSession(&$0, epci) }
            ) { res in
                XCTAssertEqual(Data(buffer: res.body), inZip)
            }
            XCTAssertTrue(inZip.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with its byte-order mark")

            // Another person's export does not exist for them; an applicant may not ask.
            let admin = try await Browser.signIn(app, email: "admin@demo.logis.fr", password: DemoData.password)
            try await app.send(.GET, "\(path)/fichier", beforeRequest: { Browser.withSession(&$0, admin) }) {
                XCTAssertEqual($0.status, .notFound)
            }
            let applicant = try await Browser.signIn(
                app, email: "demandeur@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "observatoire/exports", beforeRequest: { Browser.post(&$0, form: [:], session: applicant) }
            ) {
                XCTAssertEqual($0.status, .forbidden)
            }
            // A réservataire other than the État reads the public figures: sent there.
            let partner = try await Browser.signIn(
                app, email: "reservataire@demo.logis.fr", password: DemoData.password)
            try await app.send(
                .POST, "observatoire/exports", beforeRequest: { Browser.post(&$0, form: [:], session: partner) }
            ) {
                XCTAssertEqual($0.headers.first(name: .location), "/observatoire/public")
            }
        }
    }

    func testOneBuildAtATimeUnlessTheRunningOneWasInterrupted() async throws {
        try await withApp(demo: true) { app in
            let epci = try await Browser.signIn(app, email: "epci@demo.logis.fr", password: DemoData.password)
            let account = try await Account.query(on: app.db).filter(\.$email == "epci@demo.logis.fr").first()
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let now = app.clock.now.timeIntervalSince1970
            // A build running on another instance, moving a minute ago.
            try await sql.insert(into: "observatory_exports")
                .columns("id", "account_id", "filter", "status", "done", "total", "created_at", "updated_at")
                .values(
                    SQLBind(UUID()), SQLBind(try XCTUnwrap(account?.id)), SQLBind("{}"), SQLBind("running"),
                    SQLBind(3), SQLBind(11), SQLBind(now - 60), SQLBind(now - 60)
                ).run()
            try await app.send(
                .POST, "observatoire/exports", beforeRequest: { Browser.post(&$0, form: [:], session: epci) }
            ) { res in
                XCTAssertEqual(res.status, .conflict)
                XCTAssertTrue(res.body.string.contains("Un export est déjà en cours"), res.body.string)
            }
            // Its instance stopped: after 10 minutes without progress, a new build may start.
            try await sql.update("observatory_exports").set("updated_at", to: SQLBind(now - 11 * 60)).run()
            try await app.send(
                .POST, "observatoire/exports", beforeRequest: { Browser.post(&$0, form: [:], session: epci) }
            ) { res in
                XCTAssertEqual(res.status, .seeOther, res.body.string)
            }
        }
    }
}
