import Fluent
import Foundation
import SQLKit

/// Wished communes are named by their INSEE code, no longer by their name (a name is not an
/// identity). Rewrites the forms and their revisions saved before, 500 at a time, and makes the
/// code unique among communes.
struct M0023WishesByINSEECode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.index(
            on: Commune.schema, named: "communes_insee_code", columns: ["insee_code"], unique: true)
        try await Self.rewrite(on: database)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS communes_insee_code").run()
    }

    /// Reads every legacy name into its code: among the request's territory's communes first, then
    /// among all communes when the name is unique. A name that matches nothing is kept as a legacy
    /// name (never dropped) and counted in the returned total. Plain SQL, no model: a migration
    /// must not read columns added after it, nor set off the models' middleware.
    @discardableResult
    static func rewrite(on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let communes = try await sql.select().columns("territory_id", "name", "insee_code").from(Commune.schema)
            .all(decoding: CommuneRow.self)
        var unresolved = 0
        var territories: [UUID: UUID] = [:]
        try await FormPages.each(
            of: HousingRequest.schema, formColumn: "form", extraColumn: "territory_id", on: sql
        ) { id, territory, form in
            if let territory { territories[id] = territory }
            guard var wishes = form.wishes, !wishes.legacyCommuneNames.isEmpty else { return nil }
            unresolved += resolve(&wishes, territory: territory, communes: communes)
            var changed = form
            changed.wishes = wishes
            return changed
        }
        try await FormPages.each(
            of: RequestRevision.schema, formColumn: "previous_form", extraColumn: "request_id", on: sql
        ) { _, request, form in
            guard var wishes = form.wishes, !wishes.legacyCommuneNames.isEmpty else { return nil }
            unresolved += resolve(&wishes, territory: request.flatMap { territories[$0] }, communes: communes)
            var changed = form
            changed.wishes = wishes
            return changed
        }
        return unresolved
    }

    struct CommuneRow: Decodable {
        let territoryID: UUID
        let name: String
        let inseeCode: String?

        enum CodingKeys: String, CodingKey {
            case name
            case territoryID = "territory_id"
            case inseeCode = "insee_code"
        }
    }

    /// Returns how many names matched no commune.
    static func resolve(_ wishes: inout WishesSection, territory: UUID?, communes: [CommuneRow]) -> Int {
        var codes: [String] = []
        var unmatched: [String] = []
        for name in wishes.legacyCommuneNames {
            let named = communes.filter { $0.name == name && $0.inseeCode != nil }
            let commune = named.first { $0.territoryID == territory } ?? (named.count == 1 ? named.first : nil)
            if let code = commune?.inseeCode {
                if !codes.contains(code) { codes.append(code) }
            } else {
                unmatched.append(name)
            }
        }
        wishes.communeCodes = codes
        wishes.legacyCommuneNames = unmatched
        return unmatched.count
    }
}

/// Walks a table's stored forms 500 rows at a time by id, in plain SQL, and writes back the forms
/// the closure changes (it returns nil to leave a row as it is). For migrations.
enum FormPages {
    private struct Row: Decodable {
        let id: UUID
        let extra: UUID?
        let form: RequestForm
    }

    static func each(
        of table: String, formColumn: String, extraColumn: String, on sql: any SQLDatabase,
        _ change: (UUID, UUID?, RequestForm) async throws -> RequestForm?
    ) async throws {
        var after: UUID?
        while true {
            var select = sql.select().column("id").column(SQLAlias(SQLColumn(extraColumn), as: SQLIdentifier("extra")))
                .column(SQLAlias(SQLColumn(formColumn), as: SQLIdentifier("form"))).from(table)
                .orderBy("id").limit(500)
            if let after { select = select.where("id", .greaterThan, after) }
            let rows = try await select.all(decoding: Row.self)
            guard let last = rows.last else { return }
            after = last.id
            for row in rows {
                guard let form = try await change(row.id, row.extra, row.form) else { continue }
                try await sql.update(table).set(SQLColumn(formColumn), to: SQLBind(form)).where("id", .equal, row.id)
                    .run()
            }
        }
    }
}
