import Fluent
import SQLKit
import Vapor

/// Compares the ranking table with a recomputation from the requests (`logis check ranking`), and
/// rewrites what differs when asked. Reads the requests in pages of 500.
enum RankingCheck {
    struct Report: Sendable, Equatable {
        var requestsChecked = 0
        /// Requests whose stored rows differ from the recomputed ones (missing, extra or stale).
        var differing: [String] = []
        /// Rows of requests that should have none (closed, struck off, gone).
        var orphanRows = 0
        var repaired = false
    }

    static func run(on db: any Database, context: RankingContext, repair: Bool) async throws -> Report {
        guard let sql = db as? any SQLDatabase else { return Report() }
        var report = Report()
        var lastID: UUID?
        // Read once per territory, not once per request: a national check reads millions of requests.
        var territories: [UUID: RankingContext.TerritoryFacts] = [:]
        while true {
            let query = HousingRequest.query(on: db).filter(\.$status ~~ Array(RankingTable.rankedStatuses))
                .sort(\.$id).limit(500)
            if let lastID { query.filter(\.$id > lastID) }
            let page = try await query.all()
            guard let last = page.last else { break }
            for request in page {
                report.requestsChecked += 1
                var expected: [RankingTable.Entry] = []
                if let territoryID = request.$territory.id {
                    if territories[territoryID] == nil {
                        territories[territoryID] = try await context.territory(territoryID, on: db)
                    }
                    if let facts = territories[territoryID] {
                        expected = try RankingTable.entries(for: request, territory: facts, context: context)
                    }
                }
                let stored = try await sql.select().column("*").from(RankingTable.name)
                    .where("request_id", .equal, try request.requireID()).orderBy("commune_code")
                    .all(decoding: RankingTable.Entry.self)
                guard stored != expected else { continue }
                report.differing.append(try request.nud ?? request.requireID().uuidString)
                if repair { try await RankingTable.replace(request, with: expected, on: db) }
            }
            lastID = try last.requireID()
        }
        struct Count: Decodable { let n: Int }
        let ranked = RankingTable.rankedStatuses.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        let orphans: SQLQueryString = """
            FROM ranking_entries e WHERE NOT EXISTS (SELECT 1 FROM housing_requests r \
            WHERE r.id = e.request_id AND r.status IN (\(unsafeRaw: ranked)) AND r.anonymised_at IS NULL)
            """
        report.orphanRows = try await sql.raw("SELECT COUNT(*) AS n \(orphans)").first(decoding: Count.self)?.n ?? 0
        if repair, report.orphanRows > 0 {
            try await sql.raw(
                """
                DELETE FROM ranking_entries WHERE request_id NOT IN (SELECT r.id FROM housing_requests r \
                WHERE r.status IN (\(unsafeRaw: ranked)) AND r.anonymised_at IS NULL)
                """
            ).run()
        }
        report.repaired = repair
        return report
    }

    /// Fills an empty table from the requests (a database migrated to M0016, restored, or imported).
    static func fillIfEmpty(_ app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        // One row is enough to know: a COUNT over millions of rows would slow every start.
        let any = try await sql.raw("SELECT 1 AS n FROM ranking_entries LIMIT 1").all()
        guard any.isEmpty else { return }
        let ranked = try await HousingRequest.query(on: app.db).filter(\.$status ~~ Array(RankingTable.rankedStatuses))
            .count()
        guard ranked > 0 else { return }
        _ = try await run(on: app.db, context: app.rankingContext, repair: true)
    }
}

/// `logis check ranking [--repair]`: the ranking table against a recomputation.
struct LogisCheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "Ce qu’il faut vérifier : ranking (la table de classement).")
        var what: String

        @Flag(name: "repair", help: "Réécrit les lignes qui diffèrent et supprime les lignes orphelines.")
        var repair: Bool

        init() {}
    }

    var help: String { "Vérifie la table de classement des demandes (et la répare avec --repair)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "ranking" else {
            context.console.error("Vérification inconnue : \(signature.what). Choix : ranking.")
            throw LogisError.badRequest
        }
        let app = context.application
        try await app.prepareDatabase()
        let report = try await RankingCheck.run(on: app.db, context: app.rankingContext, repair: signature.repair)
        context.console.print("\(report.requestsChecked) demandes vérifiées.")
        if report.differing.isEmpty, report.orphanRows == 0 {
            context.console.print("La table de classement est à jour.")
            return
        }
        context.console.print(
            "\(report.differing.count) demandes diffèrent, \(report.orphanRows) lignes orphelines"
                + (report.repaired ? " : corrigé." : " (relancez avec --repair pour corriger)."))
        for nud in report.differing.prefix(20) { context.console.print("  • \(nud)") }
        if !report.repaired {
            throw LogisError.validation("Table de classement à corriger.", code: .rankingOutOfStep)
        }
    }
}
