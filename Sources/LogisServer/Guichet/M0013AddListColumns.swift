import Fluent
import Foundation
import SQLKit

/// The columns the desk's lists and search read, so each list is one indexed SQL query instead
/// of decoding every request's form in Swift: the applicant's name as search tokens and as
/// shown, the birth date, and the three due dates (attestation — only while it is unsent —,
/// anniversary, striking-off).
/// Existing rows are filled in by the migration itself.
struct M0013AddListColumns: AsyncMigration {
    static let columns = [
        "search_name", "display_name", "birth_date", "attestation_due_on", "anniversary_on", "strike_off_on",
    ]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(HousingRequest.schema).field(.string(column), .string).update()
        }
        try await database.schema(HousingRequest.schema).field("waited_months", .int).update()
        let indexes: [(String, [String])] = [
            ("housing_requests_birth_date", ["territory_id", "birth_date"]),
            ("housing_requests_attestation_due", ["territory_id", "attestation_due_on"]),
            ("housing_requests_anniversary", ["territory_id", "anniversary_on"]),
            ("housing_requests_strike_off", ["territory_id", "strike_off_on"]),
            // Covering the name search: scanning this index reads no form, however many requests.
            ("housing_requests_search", ["territory_id", "first_filed_on", "search_name"]),
            ("housing_requests_online", ["territory_id", "status", "desk_code", "registered_at"]),
            ("request_documents_status", ["status", "uploaded_at"]),
        ]
        for (name, columns) in indexes {
            let table = name.hasPrefix("request_documents") ? RequestDocument.schema : HousingRequest.schema
            try await database.index(on: table, named: name, columns: columns)
        }
        try await fillExistingRows(on: database)
    }

    /// In pages of 500, so a national database is migrated without loading it whole. Only the
    /// columns that exist at this point are read (later migrations add more to the model).
    private func fillExistingRows(on database: any Database) async throws {
        var lastID: UUID?
        while true {
            let query = HousingRequest.query(on: database)
                .field(\.$id).field(\.$form).field(\.$firstFiledOn).field(\.$renewals).field(\.$attestationSentAt)
                .field(\.$status).field(\.$radiatedAt)
                .sort(\.$id).limit(500)
            if let lastID { query.filter(\.$id > lastID) }
            let page = try await query.all()
            guard !page.isEmpty else { return }
            for request in page {
                request.syncSearchColumns()
                try await HousingRequest.query(on: database).filter(\.$id == (try request.requireID()))
                    .set(\.$searchName, to: request.searchName).set(\.$displayName, to: request.displayName)
                    .set(\.$birthDate, to: request.birthDate).set(\.$attestationDueOn, to: request.attestationDueOn)
                    .set(\.$anniversaryOn, to: request.anniversaryOn).set(\.$strikeOffOn, to: request.strikeOffOn)
                    .set(\.$waitedMonths, to: request.waitedMonths)
                    .update()
            }
            lastID = page.last?.id
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns + ["waited_months"] {
            try await database.schema(HousingRequest.schema).deleteField(.string(column)).update()
        }
    }
}
