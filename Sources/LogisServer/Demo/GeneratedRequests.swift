import Fluent
import Foundation
import LogisCore
import SQLKit
import Vapor

/// Many registered requests at once, for benchmarks and load tests (`logis seed generated`):
/// fictional households of `DemoHouseholds`, registered over the last four years with their NUD,
/// score, wishes and list columns, written in batches rather than one registration at a time.
enum GeneratedRequests {
    static let deskCode = "GDGEN"
    static let batchSize = 500

    /// Adds `count` requests to the territory; `progress` is told after each batch.
    static func load(
        count: Int, territorySlug: String, seed: UInt64 = 20_261_128, app: Application,
        progress: (Int) -> Void = { _ in }
    ) async throws {
        guard let territory = try await Territory.query(on: app.db).filter(\.$slug == territorySlug).first() else {
            throw ConfigurationError(message: "Territoire inconnu : \(territorySlug). Chargez d’abord la démo.")
        }
        let territoryID = try territory.requireID()
        let communes = try await Commune.query(on: app.db).filter(\.$territory.$id == territoryID).all()
        let communeIDs = Dictionary(
            communes.compactMap { c in c.id.flatMap { id in c.inseeCode.map { ($0, id) } } },
            uniquingKeysWith: { a, _ in a })
        let choices = try await CommuneList.load(on: app.db).entries.filter { $0.territoryID == territoryID }
        let grid = app.cotationGrids[territory.cotationGrid ?? ""]
        let today = app.clock.today
        var households = DemoHouseholds(seed: seed)
        var sequences = try await NUDSequences(departement: territory.departement, on: app.db)
        var written = 0
        while written < count {
            let size = min(batchSize, count - written)
            var requests: [HousingRequest] = []
            for _ in 0..<size {
                let filed = today.adding(days: -households.int(1...1_460))
                let request = HousingRequest(
                    accountID: nil, form: households.form(communes: choices, today: filed))
                request.$territory.id = territoryID
                let sequence = try await sequences.next(for: filed, on: app.db)
                request.nud = try NUD.generate(
                    departement: territory.departement, registeredOn: filed, sequence: sequence, deskCode: deskCode
                ).value
                request.deskCode = deskCode
                request.status =
                    households.chance(90) ? .active : (households.chance(50) ? .enregistree : .enInstruction)
                request.firstFiledOn = filed.iso
                request.registeredAt = filed.startOfDayDate
                request.renewals = max(0, filed.fullMonths(until: today) / 12 - (households.chance(5) ? 1 : 0))
                if filed.days(since: today) < -40 { request.attestationSentAt = filed.adding(days: 3).startOfDayDate }
                request.primaryTypology = request.form.wishes?.typologies.sorted().first
                if let grid {
                    let resident = RequestCotation.lives(in: communes, form: request.form)
                    request.score = grid.total(
                        try RequestCotation.facts(of: request, today: today, livesInTerritory: resident))
                    request.gridVersion = grid.grid.version
                    request.gridHash = CotationGridFingerprint.of(grid.grid)
                }
                request.syncSearchColumns()
                requests.append(request)
            }
            let batch = requests
            let counters = sequences
            try await app.db.transaction { db in
                try await batch.create(on: db)
                var wishes: [RequestWish] = []
                for request in batch {
                    for (rank, code) in (request.form.wishes?.communeCodes ?? []).enumerated() {
                        guard let commune = communeIDs[code] else { continue }
                        wishes.append(
                            RequestWish(requestID: try request.requireID(), communeID: commune, rank: rank + 1))
                    }
                }
                try await wishes.create(on: db)
                try await counters.save(on: db)
            }
            written += size
            progress(written)
        }
    }
}

/// The NUD counters of the months used, read once and written back after each batch, so later
/// registrations continue after the generated numbers.
private struct NUDSequences {
    let departement: String
    private var last: [String: Int] = [:]

    init(departement: String, on db: any Database) async throws {
        self.departement = departement
    }

    private func key(_ date: CalendarDate) -> String { "\(departement)-\(date.year)-\(date.month)" }

    mutating func next(for date: CalendarDate, on db: any Database) async throws -> Int {
        let key = key(date)
        if last[key] == nil {
            struct Row: Decodable {
                let value: Int
            }
            let sql = db as? any SQLDatabase
            let row = try await sql?.raw(
                "SELECT last_value AS \"value\" FROM nud_counters WHERE counter_key = \(bind: key)"
            ).first(decoding: Row.self)
            last[key] = row?.value ?? 0
        }
        let value = (last[key] ?? 0) + 1
        last[key] = value
        return value
    }

    func save(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for (key, value) in last {
            try await sql.raw(
                """
                INSERT INTO nud_counters (counter_key, last_value) VALUES (\(bind: key), \(bind: value)) \
                ON CONFLICT (counter_key) DO UPDATE SET last_value = \(bind: value)
                """
            ).run()
        }
    }
}
