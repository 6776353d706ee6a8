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
    /// name (never dropped) and counted in the returned total.
    @discardableResult
    static func rewrite(on db: any Database) async throws -> Int {
        let communes = try await Commune.query(on: db).all()
        var unresolved = 0
        var after: UUID?
        while true {
            var query = HousingRequest.query(on: db).sort(\.$id).limit(500)
            if let after { query = query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last else { break }
            after = last.id
            for request in page {
                guard var wishes = request.form.wishes, !wishes.legacyCommuneNames.isEmpty else { continue }
                unresolved += resolve(&wishes, territory: request.$territory.id, communes: communes)
                request.form.wishes = wishes
                try await request.save(on: db)
            }
        }
        after = nil
        while true {
            var query = RequestRevision.query(on: db).sort(\.$id).limit(500)
            if let after { query = query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last else { break }
            after = last.id
            for revision in page {
                guard var wishes = revision.previousForm.wishes, !wishes.legacyCommuneNames.isEmpty else { continue }
                let request = try await HousingRequest.find(revision.$request.id, on: db)
                unresolved += resolve(&wishes, territory: request?.$territory.id, communes: communes)
                revision.previousForm.wishes = wishes
                try await revision.save(on: db)
            }
        }
        return unresolved
    }

    /// Returns how many names matched no commune.
    static func resolve(_ wishes: inout WishesSection, territory: UUID?, communes: [Commune]) -> Int {
        var codes: [String] = []
        var unmatched: [String] = []
        for name in wishes.legacyCommuneNames {
            let named = communes.filter { $0.name == name && $0.inseeCode != nil }
            let commune = named.first { $0.$territory.id == territory } ?? (named.count == 1 ? named.first : nil)
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
