import Fluent
import Foundation
import SQLKit

/// One household, one live request (DOMAIN.md §3): enforced by the database, not by a read
/// before the write, which parallel submissions slipped through.
///
/// Drafts created twice by such a race are removed first (an empty second draft holds nothing);
/// two *registered* live requests of one account are left for a person to settle, and the
/// migration stops with a message rather than choose between them.
struct M0012OneLiveRequestPerAccount: AsyncMigration {
    static let indexName = "housing_requests_one_live_per_account"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let live = "status NOT IN ('radiee', 'satisfaite') AND account_id IS NOT NULL"
        struct Duplicate: Decodable {
            let accountID: UUID
        }
        let duplicated = try await sql.raw(
            "SELECT account_id AS \"accountID\" FROM housing_requests WHERE \(unsafeRaw: live) GROUP BY account_id HAVING COUNT(*) > 1"
        ).all(decoding: Duplicate.self)
        for duplicate in duplicated {
            // Only the columns that exist at this point (later migrations add more to the model).
            let requests = try await HousingRequest.query(on: database)
                .field(\.$id).field(\.$status).field(\.$createdAt)
                .filter(\.$account.$id == duplicate.accountID).sort(\.$createdAt, .ascending).all()
                .filter { $0.status.isLive }
            let keep = requests.first { $0.status != .brouillon } ?? requests[0]
            for extra in requests where extra.id != keep.id {
                guard extra.status == .brouillon else {
                    throw MigrationStop(
                        message: "Le compte \(duplicate.accountID) suit deux demandes enregistrées en cours : "
                            + "radiez-en une avant de mettre Logis à jour.")
                }
                try await extra.delete(on: database)
            }
        }
        try await sql.raw(
            "CREATE UNIQUE INDEX \(unsafeRaw: Self.indexName) ON housing_requests (account_id) WHERE \(unsafeRaw: live)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: Self.indexName)").run()
    }
}

struct MigrationStop: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
