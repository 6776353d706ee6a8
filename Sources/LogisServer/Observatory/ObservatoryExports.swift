import Foundation
import LogisCore
import SQLKit
import Vapor
import ZIPFoundation

/// Every figure of the observatory for one filter, as one ZIP of CSV files, built in the background
/// while the page shows its progress (issue 16 §3). The row says how far it is; the file is
/// written under the shared files directory (`exports/<id>.zip`), so any instance serves it.
enum ObservatoryExports {
    enum Status: String, Codable, Sendable {
        case running
        case done
        case failed
    }

    struct Export: Codable, Sendable {
        let id: UUID
        let accountID: UUID
        let filter: String
        let status: Status
        let done: Int
        let total: Int
        let createdAt: Double
        let updatedAt: Double

        enum CodingKeys: String, CodingKey {
            case id, filter, status, done, total
            case accountID = "account_id"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }

        /// A build whose instance stopped (a restart, a kill) leaves its row running; after this
        /// long without progress it is shown as interrupted and may be asked again.
        static let staleAfter: TimeInterval = 10 * 60

        func isStale(now: Date) -> Bool {
            status == .running && now.timeIntervalSince1970 - updatedAt > Self.staleAfter
        }
    }

    /// Exports are kept a week, then removed with their file (`purge`).
    static let keptDays = 7

    static func file(_ id: UUID, app: Application) -> String {
        app.logisSettings.filesDirectory + "/exports/\(id.uuidString.lowercased()).zip"
    }

    static func find(_ id: UUID, of account: UUID, on sql: any SQLDatabase) async throws -> Export? {
        try await sql.select().column("*").from("observatory_exports")
            .where("id", .equal, id).where("account_id", .equal, account)
            .first(decoding: Export.self)
    }

    /// Starts a build for `account` unless one of its builds is running; returns its id.
    static func start(
        filter: ObservatoryFilter, account: UUID, app: Application, day: CalendarDate, now: Date,
        on sql: any SQLDatabase
    ) async throws -> UUID {
        let running = try await sql.select().column("*").from("observatory_exports")
            .where("account_id", .equal, account).where("status", .equal, Status.running.rawValue)
            .all(decoding: Export.self)
        if running.contains(where: { !$0.isStale(now: now) }) {
            throw LogisError(
                .conflict, code: .exportInProgress,
                message: "Un export est déjà en cours de préparation pour vous : attendez qu’il se termine.")
        }
        let id = UUID()
        let text = String(decoding: try JSONEncoder().encode(filter), as: UTF8.self)
        let at = now.timeIntervalSince1970
        try await sql.insert(into: "observatory_exports")
            .columns("id", "account_id", "filter", "status", "done", "total", "created_at", "updated_at")
            .values(
                SQLBind(id), SQLBind(account), SQLBind(text), SQLBind(Status.running.rawValue), SQLBind(0),
                SQLBind(ObservatoryFigure.allCases.count), SQLBind(at), SQLBind(at)
            )
            .run()
        // Not the request's task: the page answers at once and the build goes on after it.
        Task.detached {
            await build(id, filter: filter, app: app, day: day, now: now)
        }
        return id
    }

    /// Writes one CSV per figure into a temporary ZIP, moving the row's progress after each, then
    /// renames the file into place and marks the row done; any failure marks it failed and leaves
    /// no file.
    static func build(_ id: UUID, filter: ObservatoryFilter, app: Application, day: CalendarDate, now: Date) async {
        guard let sql = app.db as? any SQLDatabase else { return }
        let target = file(id, app: app)
        let partial = target + ".partiel"
        do {
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: partial)
            try await writeArchive(at: partial, id: id, filter: filter, app: app, day: day, now: now, on: sql)
            try FileManager.default.moveItem(atPath: partial, toPath: target)
            try await progress(id, done: ObservatoryFigure.allCases.count, status: .done, app: app, on: sql)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            app.logger.error("observatory export \(id): failed (\(LogisError.code(of: error)))")
            try? await progress(id, done: 0, status: .failed, app: app, on: sql)
        }
    }

    /// The archive is closed (its buffered bytes written) when this returns and it is released.
    private static func writeArchive(
        at path: String, id: UUID, filter: ObservatoryFilter, app: Application, day: CalendarDate, now: Date,
        on sql: any SQLDatabase
    ) async throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let queries = ObservatoryQueries(sql: sql, filter: filter)
        for (index, figure) in ObservatoryFigure.allCases.enumerated() {
            let rows = try await NationalFigures.rowsOrLive(figure, queries: queries, day: day, now: now).rows
            let text = FigureCSV.header(figure) + rows.map(FigureCSV.line).joined()
            let data = Data(FigureCSV.byteOrderMark + Array(text.utf8))
            try archive.addEntry(
                with: "observatoire-\(figure.rawValue)-\(filter.year).csv", type: .file,
                uncompressedSize: Int64(data.count), modificationDate: now, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
            try await progress(id, done: index + 1, status: .running, app: app, on: sql)
        }
    }

    static func progress(
        _ id: UUID, done: Int, status: Status, app: Application, on sql: any SQLDatabase
    ) async throws {
        try await sql.update("observatory_exports")
            .set("done", to: SQLBind(done)).set("status", to: SQLBind(status.rawValue))
            .set("updated_at", to: SQLBind(app.clock.now.timeIntervalSince1970))
            .where("id", .equal, id)
            .run()
    }

    /// Removes the exports (rows and files) created before `day` minus a week.
    static func purge(before day: CalendarDate, app: Application, on sql: any SQLDatabase) async throws {
        let limit = day.adding(days: -keptDays).startOfDayDate.timeIntervalSince1970
        let old = try await sql.select().column("*").from("observatory_exports")
            .where("created_at", .lessThan, limit).all(decoding: Export.self)
        for export in old {
            try? FileManager.default.removeItem(atPath: file(export.id, app: app))
            try await sql.delete(from: "observatory_exports").where("id", .equal, export.id).run()
        }
    }
}
