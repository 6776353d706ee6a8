import Fluent
import Foundation
import SQLKit

/// The words of the names on a request — applicant (name, birth name, first name) and
/// co-applicant —, one row each, folded like the duplicate check folds them (« Lefèvre » → lefevre).
///
/// Why a table: a name search is « a word of the name starts with what was typed ». Over one
/// column that is `LIKE '% mar%'`, which no index can serve: at 100,000 requests PostgreSQL read
/// the whole table (90 ms). Over the words it is a range of one index — `word >= 'mar' AND word <
/// 'mar' + U+10FFFF` — in byte order (`COLLATE "C"` on PostgreSQL, SQLite's own). No foreign key:
/// a batch of requests gets its words before its rows are written (Fluent's middleware order), and
/// every read joins `housing_requests`, so a word can never show a file that is gone.
enum RequestNameWords {
    static let table = "request_name_words"

    /// The words of the request's names; none once anonymised (its list name is gone).
    static func words(of request: HousingRequest) -> [String] {
        words(of: request.form, named: request.searchName != nil)
    }

    static func words(of form: RequestForm, named: Bool) -> [String] {
        guard named, let applicant = form.applicant else { return [] }
        var parts = [applicant.lastName, applicant.birthName, applicant.firstName]
        if let partner = form.coApplicant, partner.present { parts += [partner.lastName, partner.firstName] }
        var words: [String] = []
        for word in parts.map(DuplicateDetection.normalise).joined(separator: " ").split(separator: " ") {
            let text = String(word)
            if !words.contains(text) { words.append(text) }
        }
        return words
    }

    /// Writes the request's words, replacing those it had (`replacing: false` for a new request).
    static func write(for request: HousingRequest, replacing: Bool = true, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, let id = request.id else { return }
        let words = words(of: request)
        if replacing {
            let current = Stored(words: Set(words), territory: words.isEmpty ? nil : request.$territory.id)
            if try await stored(requestID: id, on: sql) == current {
                return
            }
            try await sql.delete(from: table).where("request_id", .equal, id).run()
        }
        try await insert(words, requestID: id, territory: request.$territory.id, on: sql)
    }

    /// A request's words as stored, and the territory they carry.
    struct Stored: Equatable {
        var words: Set<String>
        var territory: UUID?
    }

    /// Most saves of a request (a status, a score, a deadline) leave its names alone: its words are
    /// read and compared first, one read of an index where a delete and an insert wrote into two.
    /// Nil territory when it has no word.
    static func stored(requestID: UUID, on sql: any SQLDatabase) async throws -> Stored {
        struct Row: Decodable {
            let word: String
            let territoryID: UUID?

            enum CodingKeys: String, CodingKey {
                case word
                case territoryID = "territory_id"
            }
        }
        let rows = try await sql.select().column("word").column("territory_id").from(table)
            .where("request_id", .equal, requestID).all(decoding: Row.self)
        let territories = Set(rows.map(\.territoryID))
        // Words of two territories (never written so) compare as none: they are rewritten.
        guard territories.count <= 1 else { return Stored(words: [], territory: nil) }
        return Stored(words: Set(rows.map(\.word)), territory: rows.isEmpty ? nil : territories.first ?? nil)
    }

    static func insert(_ words: [String], requestID: UUID, territory: UUID?, on sql: any SQLDatabase) async throws {
        guard !words.isEmpty else { return }
        var insert = sql.insert(into: table).columns("request_id", "territory_id", "word")
        for word in words {
            insert = insert.values(SQLBind(requestID), SQLBind(territory), SQLBind(word))
        }
        try await insert.run()
    }

    static func remove(requestID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: table).where("request_id", .equal, requestID).run()
    }

    /// The ids (`request_id`) of the requests with a word starting with `prefix` (already folded),
    /// in `territory` when given (the agent's; an administrator searches everywhere); `distinct`
    /// when the caller joins rather than tests membership. One index range.
    static func matchingIDs(prefix: String, territory: UUID?, distinct: Bool) -> SQLQueryString {
        let scope = inTerritory(territory)
        return """
            SELECT \(unsafeRaw: distinct ? "DISTINCT " : "")w.request_id FROM request_name_words w WHERE \(scope)\
            \(wordsStarting(with: prefix))
            """
    }

    /// `w.word` starts with `prefix`: one range of the index, in byte order.
    private static func wordsStarting(with prefix: String) -> SQLQueryString {
        "w.word >= \(bind: prefix) AND w.word < \(bind: prefix + "\u{10FFFF}")"
    }

    /// `w.territory_id = …` when a territory is given (an administrator searches everywhere).
    private static func inTerritory(_ territory: UUID?) -> SQLQueryString {
        territory.map { "w.territory_id = \(bind: $0) AND " } ?? ""
    }

    /// Above this many files, a word is common enough that walking the newest files finds a page of
    /// them sooner than reading each of them by id (SQLite, which cannot weigh both itself).
    static let commonWord = 1_000

    /// How many words start with `prefix` in `territory`: one count over the index range.
    static func count(prefix: String, territory: UUID?, on sql: any SQLDatabase) async throws -> Int {
        let scope = inTerritory(territory)
        let query: SQLQueryString = """
            SELECT COUNT(*) AS n FROM request_name_words w WHERE \(scope)\
            \(wordsStarting(with: prefix))
            """
        return try await sql.raw(query).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The request `r` also has a word starting with `prefix`: a probe of the primary key
    /// (request, word), cheap for each file the first word found.
    static func alsoMatching(prefix: String) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM request_name_words w WHERE w.request_id = r.id \
        AND \(wordsStarting(with: prefix)))
        """
    }
}

/// Keeps the words in step with every save of a request (registration, update, transfer to
/// another territory, anonymisation).
struct RequestNameWordsMiddleware: AsyncModelMiddleware {
    func create(model: HousingRequest, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await RequestNameWords.write(for: model, replacing: false, on: db)
    }

    func update(model: HousingRequest, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await RequestNameWords.write(for: model, on: db)
    }

    func delete(
        model: HousingRequest, force: Bool, on db: any Database, next: any AnyAsyncModelResponder
    )
        async throws
    {
        if let id = model.id { try await RequestNameWords.remove(requestID: id, on: db) }
        try await next.delete(model, force: force, on: db)
    }
}

/// The words table, filled from the requests already there.
struct M0025CreateRequestNameWords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        // Byte order on both databases: the prefix range must hold every word that starts with it.
        let word = sql.dialect.name == "postgresql" ? "TEXT COLLATE \"C\" NOT NULL" : "TEXT NOT NULL"
        try await sql.raw(
            """
            CREATE TABLE request_name_words (request_id UUID NOT NULL, territory_id UUID, \
            word \(unsafeRaw: word), PRIMARY KEY (request_id, word))
            """
        ).run()
        try await database.index(
            on: RequestNameWords.table, named: "request_name_words_territory",
            columns: ["territory_id", "word", "request_id"])
        try await database.index(
            on: RequestNameWords.table, named: "request_name_words_word", columns: ["word", "request_id"])
        try await Self.fill(on: sql)
    }

    /// Writes the words of every request already there. Plain SQL, no model: a migration must not
    /// read columns added after it.
    static func fill(on sql: any SQLDatabase) async throws {
        struct Row: Decodable {
            let id: UUID
            let territoryID: UUID?
            let searchName: String?
            let form: RequestForm

            enum CodingKeys: String, CodingKey {
                case id, form
                case territoryID = "territory_id"
                case searchName = "search_name"
            }
        }
        var after: UUID?
        while true {
            var select = sql.select().columns("id", "territory_id", "search_name", "form").from(HousingRequest.schema)
                .orderBy("id").limit(500)
            if let after { select = select.where("id", .greaterThan, after) }
            let rows = try await select.all(decoding: Row.self)
            guard let last = rows.last else { break }
            after = last.id
            for row in rows {
                try await RequestNameWords.insert(
                    RequestNameWords.words(of: row.form, named: row.searchName != nil), requestID: row.id,
                    territory: row.territoryID, on: sql)
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS request_name_words").run()
    }
}
