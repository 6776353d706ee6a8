import Fluent
import SQLKit

extension Database {
    /// Fluent has no index builder; both SQLite and PostgreSQL accept this plain statement.
    func index(on table: String, named name: String, columns: [String], unique: Bool = false) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
