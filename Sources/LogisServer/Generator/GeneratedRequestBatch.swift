import Fluent
import Foundation
import LogisCore
import SQLKit

/// The rows of a run of generated requests, for every table a registration writes:
/// `housing_requests` (with the list and search columns `syncSearchColumns` keeps),
/// `request_wishes`, the ranking table (`RankingTable.entries`, the rows the model middleware
/// would write) and `request_name_words`. Built in memory from the application's own model and
/// functions, then written with COPY (PostgreSQL) or multi-row INSERTs (SQLite) — the middleware's
/// one DELETE and INSERT per request is what makes `logis seed generated` slow.
struct GeneratedRequestBatch: GeneratedBatch {
    struct Scoring: Sendable {
        let grid: CompiledCotationGrid?
        let gridHash: String?
    }

    var requests: [[any CopyTextValue]] = []
    var wishes: [[any CopyTextValue]] = []
    var ranking: [RankingTable.Entry] = []
    var words: [[any CopyTextValue]] = []

    static let wishColumns = ["id", "request_id", "commune_id", "rank"]
    static let wordColumns = ["request_id", "territory_id", "word"]

    static let requestColumns = [
        "id", "territory_id", "status", "nud", "form", "first_filed_on", "registered_at", "renewals", "desk_code",
        "household_persons", "income_rfr", "radiation_motif", "radiated_at", "score", "grid_version", "grid_hash",
        "primary_typology", "priorities", "attestation_sent_at", "identity_key", "contact_email", "contact_phone",
        "search_name", "display_name", "birth_date", "attestation_due_on", "anniversary_on", "strike_off_on",
        "waited_months", "created_at", "updated_at",
    ]

    static func requestID(seed: UInt64, index: Int) -> UUID {
        GeneratorRandom.uuid(seed: seed, stream: .request, index: index)
    }

    /// Requests `range` of the dataset: request `i` belongs to territory `i % T` and is its
    /// `i / T + 1`-th, which is also its NUD sequence (unique with the territory's desk code).
    static func build(
        _ range: Range<Int>, seed: UInt64, directory: GeneratedDirectory, scoring: [String: Scoring],
        context: RankingContext
    ) throws -> GeneratedRequestBatch {
        var batch = GeneratedRequestBatch()
        batch.requests.reserveCapacity(range.count)
        let today = context.today
        let now = today.startOfDayDate
        let territories = directory.places.count
        for index in range {
            let place = directory.places[index % territories]
            var household = GeneratedHousehold(seed: seed, index: index)
            let drawn = household.draw(in: place, today: today)
            let request = HousingRequest(accountID: nil, form: drawn.form)
            let id = requestID(seed: seed, index: index)
            request.id = id
            request.$territory.id = place.territoryID
            request.status = drawn.status
            request.nud = try NUD.generate(
                departement: place.departement, registeredOn: drawn.filed, sequence: index / territories + 1,
                deskCode: place.deskCode
            ).value
            request.deskCode = place.deskCode
            request.firstFiledOn = drawn.filed.iso
            request.registeredAt = drawn.filed.startOfDayDate
            request.renewals = drawn.filed.fullMonths(until: today) / 12
            if drawn.filed.days(since: today) < -40 {
                request.attestationSentAt = drawn.filed.adding(days: 3).startOfDayDate
            }
            if drawn.status == .radiee || drawn.status == .satisfaite {
                request.radiationMotif =
                    drawn.status == .satisfaite ? RadiationMotif.attribution.rawValue : RadiationMotif.abandon.rawValue
                request.radiatedAt = now
            }
            if let priority = drawn.priority { request.setPriorityCriteria(PrioritySet([priority])) }
            request.primaryTypology = drawn.form.wishes?.typologies.sorted().first
            if let scoring = scoring[place.gridKey], let grid = scoring.grid {
                request.score = grid.total(
                    try RequestCotation.facts(of: request, today: today, livesInTerritory: drawn.livesInTerritory))
                request.gridVersion = grid.grid.version
                request.gridHash = scoring.gridHash
            }
            request.syncSearchColumns()
            batch.requests.append(row(of: request, now: now))
            for (rank, code) in (drawn.form.wishes?.communeCodes ?? []).enumerated() {
                guard let commune = place.communeIDs[code] else { continue }
                batch.wishes.append([
                    GeneratorRandom.uuid(seed: seed, stream: .request, index: index, part: rank + 1), id, commune,
                    rank + 1,
                ])
            }
            batch.ranking += try RankingTable.entries(for: request, territory: place.facts, context: context)
            for word in RequestNameWords.words(of: request) {
                batch.words.append([id, place.territoryID, word])
            }
        }
        return batch
    }

    private static func row(of request: HousingRequest, now: Date) -> [any CopyTextValue] {
        [
            request.id, request.$territory.id, request.status, request.nud, request.form, request.firstFiledOn,
            request.registeredAt, request.renewals, request.deskCode, request.householdPersons, request.incomeRFR,
            request.radiationMotif, request.radiatedAt, request.score, request.gridVersion, request.gridHash,
            request.primaryTypology, request.priorities, request.attestationSentAt, request.identityKey,
            request.contactEmail, request.contactPhone, request.searchName, request.displayName, request.birthDate,
            request.attestationDueOn, request.anniversaryOn, request.strikeOffOn, request.waitedMonths, now, now,
        ]
    }

    var count: Int { requests.count }

    /// Writes the batch; the caller holds the transaction, so a batch is all there or not at all.
    func write(on sql: any SQLDatabase) async throws {
        try await GeneratedRows.insert(into: HousingRequest.schema, columns: Self.requestColumns, requests, on: sql)
        try await GeneratedRows.insert(into: RequestWish.schema, columns: Self.wishColumns, wishes, on: sql)
        try await GeneratedRows.insert(
            into: RankingTable.name, columns: RankingTable.Entry.CodingKeys.allColumns,
            ranking.map(\.values), on: sql)
        try await GeneratedRows.insert(into: RequestNameWords.table, columns: Self.wordColumns, words, on: sql)
    }

    func copy() throws -> CopyBatch {
        var batch = CopyBatch()
        try batch.append(HousingRequest.schema, columns: Self.requestColumns, rows: requests)
        try batch.append(RequestWish.schema, columns: Self.wishColumns, rows: wishes)
        try batch.append(
            RankingTable.name, columns: RankingTable.Entry.CodingKeys.allColumns, rows: ranking.map(\.values))
        try batch.append(RequestNameWords.table, columns: Self.wordColumns, rows: words)
        return batch
    }
}

extension RequestStatus: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) { encoder.text(rawValue) }
}

/// The `form` column is jsonb on PostgreSQL.
extension RequestForm: CopyTextValue {
    func write(to encoder: inout CopyTextEncoder) throws { try encoder.json(self) }
}

extension RankingTable.Entry.CodingKeys {
    static let allColumns = [
        requestID, territoryID, communeCode, score, firstFiledOn, nud, wishedTypologies, roomyTypologies,
        eligibleFinancings, unjudgedFinancings, accessibilityNeed, maximumRent, actionLogement, priorities,
    ].map(\.rawValue)
}

extension RankingTable.Entry {
    /// In the order of `CodingKeys.allColumns`.
    var values: [any CopyTextValue] {
        [
            requestID, territoryID, communeCode, score, firstFiledOn, nud, wishedTypologies, roomyTypologies,
            eligibleFinancings, unjudgedFinancings, accessibilityNeed, maximumRent, actionLogement, priorities,
        ]
    }
}

/// Multi-row INSERTs cut to the bind limit of both databases (SQLite 32,766, PostgreSQL 65,535).
enum GeneratedRows {
    static let bindLimit = 30_000

    static func insert(
        into table: String, columns: [String], _ rows: [[any CopyTextValue]], on sql: any SQLDatabase
    ) async throws {
        guard !rows.isEmpty else { return }
        let perInsert = max(1, bindLimit / columns.count)
        for start in stride(from: 0, to: rows.count, by: perInsert) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(rows.count, start + perInsert)] {
                insert = insert.values(row.map { SQLBind($0) })
            }
            try await insert.run()
        }
    }
}
