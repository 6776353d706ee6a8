import Fluent
import Foundation
import SQLKit

/// The desk's print list: letter-channel messages are not sent by a transport, they wait here,
/// `pending`, until a desk agent of the request's territory prints them and marks them printed
/// (`sent`). One indexed SQL query per page (`outbox_messages_print_list`, M0028), never all rows.
enum LetterPrintList {
    struct Letter: Decodable, Sendable {
        let id: UUID
        let requestID: UUID
        let territoryID: UUID?
        let recipient: String
        let subject: String
        let body: String
        let createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id
            case requestID = "request_id"
            case territoryID = "territory_id"
            case recipient, subject, body
            case createdAt = "created_at"
        }
    }

    /// Pending letters of the agent's territory (every territory for a platform administrator).
    private static func scope(_ agent: Account) -> SQLQueryString {
        var condition: SQLQueryString = """
            o.channel = \(bind: OutboxMessage.Channel.letter.rawValue) \
            AND o.status = \(bind: OutboxMessage.Status.pending.rawValue)
            """
        if agent.role != .admin {
            condition = condition + " AND r.territory_id = \(bind: AgentScope.territoryID(of: agent) ?? UUID())"
        }
        return condition
    }

    private static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw LogisError.databaseUnavailable }
        return sql
    }

    static func count(for agent: Account, on db: any Database) async throws -> Int {
        struct Row: Decodable { let count: Int }
        let row = try await sql(db).raw(
            """
            SELECT COUNT(*) AS count FROM outbox_messages o JOIN housing_requests r ON r.id = o.request_id \
            WHERE \(scope(agent))
            """
        ).first(decoding: Row.self)
        return row?.count ?? 0
    }

    /// One page, oldest first: the order in which they were written, the order to post them.
    static func page(_ page: Int, size: Int, for agent: Account, on db: any Database) async throws -> [Letter] {
        try await sql(db).raw(
            """
            SELECT o.id, o.request_id, r.territory_id, o.recipient, o.subject, o.body, o.created_at \
            FROM outbox_messages o JOIN housing_requests r ON r.id = o.request_id \
            WHERE \(scope(agent)) ORDER BY o.created_at, o.id LIMIT \(bind: size) OFFSET \(bind: (page - 1) * size)
            """
        ).all(decoding: Letter.self)
    }

    /// The pending letters among `ids` the agent may print, in list order.
    static func letters(_ ids: [UUID], for agent: Account, on db: any Database) async throws -> [Letter] {
        guard !ids.isEmpty else { return [] }
        return try await sql(db).raw(
            """
            SELECT o.id, o.request_id, r.territory_id, o.recipient, o.subject, o.body, o.created_at \
            FROM outbox_messages o JOIN housing_requests r ON r.id = o.request_id \
            WHERE \(scope(agent)) AND o.id IN (\(binds: ids)) ORDER BY o.created_at, o.id
            """
        ).all(decoding: Letter.self)
    }

    /// Marks the letters printed (`sent`, as the sender marks a message it handed over), only those
    /// still pending and of the agent's territory; returns their requests.
    static func markPrinted(
        _ ids: [UUID], by agent: Account, now: Date, on db: any Database
    ) async throws -> [UUID] {
        let letters = try await letters(ids, for: agent, on: db)
        guard !letters.isEmpty else { return [] }
        struct Row: Decodable {
            let requestID: UUID
            enum CodingKeys: String, CodingKey { case requestID = "request_id" }
        }
        let marked = try await sql(db).raw(
            """
            UPDATE outbox_messages SET status = \(bind: OutboxMessage.Status.sent.rawValue), sent_at = \(bind: now), \
            attempts = attempts + 1 WHERE id IN (\(binds: letters.map(\.id))) \
            AND status = \(bind: OutboxMessage.Status.pending.rawValue) RETURNING request_id
            """
        ).all(decoding: Row.self)
        return marked.map(\.requestID)
    }
}
