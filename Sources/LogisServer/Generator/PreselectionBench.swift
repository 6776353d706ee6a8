import Fluent
import Foundation
import LogisCore
import SQLKit
import Vapor

/// Times the pre-selection of generated dwellings three ways in the same run, on the same
/// connection pool: the application's query (`PreselectionQuery.top`, with its filters built
/// from LogisCore and its rows decoded), the best hand-written SQL for the same answer (the
/// same range of the covering index `ranking_entries_order`, only the ids read back), and the
/// join over `request_wishes` that the ranking table replaces (commune and status only: it
/// cannot apply the eligibility filters in SQL, so it does less work and is still slower).
struct PreselectionBench {
    struct Timing: Sendable {
        let label: String
        let samples: [Double]

        var p50: Double { Self.percentile(samples, 0.50) }
        var p95: Double { Self.percentile(samples, 0.95) }

        static func percentile(_ values: [Double], _ p: Double) -> Double {
            guard !values.isEmpty else { return 0 }
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
    }

    struct Result: Sendable {
        let database: String
        let requests: Int
        let vacancies: Int
        let app: Timing
        let raw: Timing
        let join: Timing
        let worstApp: Timing
        let worstRaw: Timing
        let candidatesFound: Int
    }

    let app: Application
    let seed: UInt64
    let dwellings: Int
    let vacancies: Int

    func run() async throws -> Result {
        guard let sql = app.db as? any SQLDatabase else { throw ConfigurationError(message: "Base SQL attendue.") }
        // An index no dwelling has: the draw of the vacancies is its own sequence.
        var random = GeneratorRandom(seed: seed, stream: .dwelling, index: Int(Int32.max))
        var cases: [(Dwelling, UUID)] = []
        while cases.count < vacancies, dwellings > 0 {
            let id = GeneratedStockBatch.dwellingID(seed: seed, index: random.int(0...(dwellings - 1)))
            guard let stock = try await StockDwelling.query(on: app.db).filter(\.$id == id).with(\.$residence).first()
            else { throw ConfigurationError(message: "Logement généré introuvable : lancez d’abord logis generate.") }
            let commune = try await stock.residence.$commune.get(on: app.db)
            cases.append((try stock.coreDwelling(communeCode: commune.inseeCode ?? ""), id))
        }
        var app = [Double]()
        var raw = [Double]()
        var join = [Double]()
        var found = 0
        // One untimed pass warms the caches and the pool for each way.
        for (index, (dwelling, id)) in (cases + cases).enumerated() {
            let timed = index >= cases.count
            let (appTime, rows) = try await Self.time {
                try await PreselectionQuery.top(3, for: dwelling, dwellingID: id, on: self.app.db)
            }
            let (rawTime, ids) = try await Self.time { try await Self.handWritten(dwelling, limit: 3, on: sql) }
            let (joinTime, _) = try await Self.time { try await Self.joinOverWishes(dwelling, limit: 3, on: sql) }
            guard rows.map(\.requestID) == ids else {
                throw ConfigurationError(message: "Réponses différentes pour \(dwelling.reference).")
            }
            if timed {
                app.append(appTime)
                raw.append(rawTime)
                join.append(joinTime)
                found += rows.isEmpty ? 0 : 1
            }
        }
        let (worstApp, worstRaw) = try await worstCase(sql: sql, id: cases.first?.1 ?? UUID())
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM housing_requests").first(
            decodingColumn: "n", as: Int.self)
        return Result(
            database: self.app.logisSettings.databaseKind.rawValue, requests: count ?? 0, vacancies: cases.count,
            app: Timing(label: "application", samples: app), raw: Timing(label: "hand-written", samples: raw),
            join: Timing(label: "join over wishes", samples: join), worstApp: worstApp, worstRaw: worstRaw,
            candidatesFound: found)
    }

    /// The most wished commune and, of the dwellings one could describe there (typology,
    /// financing, contingent, 3,000 € a month, no accessibility), the one the fewest requests
    /// can take: the query walks the most index entries before it finds three (or none).
    private func worstCase(sql: any SQLDatabase, id: UUID) async throws -> (Timing, Timing) {
        let commune =
            try await sql.raw(
                "SELECT commune_code AS c, COUNT(*) AS n FROM ranking_entries GROUP BY commune_code ORDER BY n DESC LIMIT 1"
            ).first(decodingColumn: "c", as: String.self) ?? ""
        var worst: (Dwelling, Int)?
        for typology in Typology.allCases {
            for financing in [Financing.plai, .plus, .pls] {
                for reservataire in [Reservataire.bailleur, .actionLogement] {
                    let dwelling = Dwelling(
                        reference: "PIRE", commune: commune, typology: typology, financing: financing,
                        monthlyRent: 3_000, accessibility: .none, reservataire: reservataire)
                    let passing =
                        try await sql.raw(
                            "SELECT COUNT(*) AS n FROM ranking_entries WHERE \(Self.filters(dwelling, on: sql))"
                        ).first(decodingColumn: "n", as: Int.self) ?? 0
                    if passing < worst?.1 ?? .max { worst = (dwelling, passing) }
                }
            }
        }
        guard let dwelling = worst?.0 else { return (Timing(label: "", samples: []), Timing(label: "", samples: [])) }
        var app = [Double]()
        var raw = [Double]()
        for run in 0..<12 {
            let (a, _) = try await Self.time {
                try await PreselectionQuery.top(3, for: dwelling, dwellingID: id, on: self.app.db)
            }
            let (r, _) = try await Self.time { try await Self.handWritten(dwelling, limit: 3, on: sql) }
            if run >= 2 {
                app.append(a)
                raw.append(r)
            }
        }
        let label = "worst case (\(worst?.1 ?? 0) pass of \(commune))"
        return (
            Timing(label: "application, " + label, samples: app), Timing(label: "hand-written, " + label, samples: raw)
        )
    }

    static func time<T>(_ body: () async throws -> T) async throws -> (Double, T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try await body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000, value)
    }

    /// The answer written by hand: one range of `ranking_entries_order`, the filters on the
    /// columns the index carries, the ids only.
    static func handWritten(_ dwelling: Dwelling, limit: Int, on sql: any SQLDatabase) async throws -> [UUID] {
        try await sql.raw(
            """
            SELECT request_id FROM ranking_entries WHERE \(filters(dwelling, on: sql)) \
            ORDER BY score DESC, first_filed_on, nud LIMIT \(literal: limit)
            """
        ).all(decodingColumn: "request_id", as: UUID.self)
    }

    static func filters(_ dwelling: Dwelling, on sql: any SQLDatabase) -> SQLQueryString {
        let need = RankingRow.Requirement(dwelling)
        let actionLogement =
            need.actionLogementOnly ? " AND action_logement = \(sql.dialect.name == "sqlite" ? "1" : "true")" : ""
        return """
            commune_code = \(bind: dwelling.commune) \
            AND ((eligible_financings | unjudged_financings) & \(literal: Int(need.financingBit))) <> 0 \
            AND (wished_typologies & \(literal: Int(need.typologyBit))) <> 0 \
            AND (roomy_typologies & \(literal: Int(need.typologyBit))) <> 0 \
            AND accessibility_need <= \(literal: need.highestNeedMet) \
            AND (maximum_rent = 0 OR maximum_rent >= \(literal: need.monthlyRent))\(unsafeRaw: actionLogement)
            """
    }

    /// What the ranking table replaced: the wishes joined to the requests, sorted for each call.
    static func joinOverWishes(_ dwelling: Dwelling, limit: Int, on sql: any SQLDatabase) async throws -> [UUID] {
        try await sql.raw(
            """
            SELECT r.id FROM request_wishes w JOIN communes c ON c.id = w.commune_id \
            JOIN housing_requests r ON r.id = w.request_id \
            WHERE c.insee_code = \(bind: dwelling.commune) AND r.status IN ('enregistree', 'active') \
            ORDER BY r.score DESC, r.first_filed_on, r.nud LIMIT \(literal: limit)
            """
        ).all(decodingColumn: "id", as: UUID.self)
    }

    /// A markdown table row per way, and the ratio to the hand-written query.
    static func markdown(_ result: Result) -> String {
        func ms(_ value: Double) -> String { String(format: "%.2f", value) }
        func row(_ timing: Timing, against base: Timing) -> String {
            "| \(result.database) | \(result.requests) | \(timing.label) | \(ms(timing.p50)) | \(ms(timing.p95)) | "
                + "\(String(format: "%.2f", timing.p95 / max(base.p95, 0.0001)))× |"
        }
        return [
            row(result.app, against: result.raw), row(result.raw, against: result.raw),
            row(result.join, against: result.raw), row(result.worstApp, against: result.worstRaw),
            row(result.worstRaw, against: result.worstRaw),
        ].joined(separator: "\n")
    }

    static let markdownHeader = """
        | database | requests | query (top 3) | p50 ms | p95 ms | p95 ratio to hand-written |
        |---|---|---|---|---|---|
        """
}
