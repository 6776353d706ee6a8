import Fluent
import Foundation
import LogisCore
import SQLKit

/// `unconfirmed-accounts-purge`: a sign-up whose address was never confirmed is deleted a week
/// later (its link lasted 24 hours). Until then the address is held: anyone may type another
/// person's address at sign-up, and its owner could not sign up for herself. An account that
/// holds a request is never deleted here.
struct UnconfirmedAccountsPurgeJob: DailyJob {
    var name: String { "unconfirmed-accounts-purge" }

    static let keptDays = 7

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        let query = Account.query(on: context.app.db).field(\.$id)
            .filter(\.$emailConfirmedAt == nil).filter(\.$role == .demandeur)
            .filter(\.$createdAt < Self.cutoff(context))
            .sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        // Read again: confirmed since it was listed, or a request attached to it, it stays.
        guard let account = try await Account.find(item, on: db), account.emailConfirmedAt == nil,
            account.role == .demandeur, let created = account.createdAt, created < Self.cutoff(context),
            try await HousingRequest.query(on: db).filter(\.$account.$id == item).count() == 0
        else { return 0 }
        // Tokens and sessions go with it (ON DELETE CASCADE); queued messages keep no link to it.
        if let sql = db as? any SQLDatabase {
            try await sql.raw("UPDATE outbox_messages SET account_id = NULL WHERE account_id = \(bind: item)").run()
        }
        try await account.delete(on: db)
        try await AuditEntry(
            actor: nil, action: .accountPurged, target: .account(item), outcome: .success,
            reason: .unconfirmedAccountPurged, requestID: nil
        ).save(on: db)
        return 0
    }

    private static func cutoff(_ context: JobContext) -> Date {
        context.now.addingTimeInterval(-Double(keptDays) * 24 * 3600)
    }
}

/// `account-tokens-purge`: single-use links used or expired more than a week ago are deleted;
/// only their hash was stored, but a table that only grows helps nobody.
struct AccountTokensPurgeJob: DailyJob {
    var name: String { "account-tokens-purge" }

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        let cutoff = context.now.addingTimeInterval(-Double(UnconfirmedAccountsPurgeJob.keptDays) * 24 * 3600)
        let query = AccountToken.query(on: context.app.db).field(\.$id)
            .filter(\.$expiresAt < cutoff).sort(\.$id).limit(limit)
        if let cursor { query.filter(\.$id > cursor) }
        return try await query.all().map { try $0.requireID() }
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        try await AccountToken.query(on: db).filter(\.$id == item).delete()
        return 0
    }
}
