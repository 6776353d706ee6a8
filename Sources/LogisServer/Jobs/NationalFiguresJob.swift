import Fluent
import Foundation
import SQLKit

/// `national-figures`: each morning, the observatory's figures over all territories for the
/// current year are computed once and kept (`NationalFigures`), so no reader of the day waits
/// for a read of the whole register; days older than a week are removed, and the ZIP exports
/// of the observatory older than a week with them.
///
/// The work is one item — the national scope — named by a fixed id, so the job keeps the claims,
/// the cursor and the resumption every daily job has.
struct NationalFiguresJob: DailyJob {
    var name: String { "national-figures" }

    /// The one item: all territories.
    static let nationalScope = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))

    func items(after cursor: UUID?, limit: Int, context: JobContext) async throws -> [UUID] {
        cursor == nil ? [Self.nationalScope] : []
    }

    func handle(_ item: UUID, context: JobContext, on db: any Database) async throws -> Int {
        guard item == Self.nationalScope, let sql = db as? any SQLDatabase else { return 0 }
        var filter = ObservatoryFilter(year: context.day.year)
        filter.lastMonth = context.day.month
        let queries = ObservatoryQueries(sql: sql, filter: filter)
        // A run resumed after a kill keeps what its first part computed.
        for figure in ObservatoryFigure.allCases
        where try await !NationalFigures.isKept(figure, year: filter.year, on: context.day, on: sql) {
            _ = try await NationalFigures.compute(figure, queries: queries, day: context.day, now: context.now)
        }
        try await NationalFigures.purge(before: context.day, on: sql)
        try await ObservatoryExports.purge(before: context.day, app: context.app, on: sql)
        return 0
    }
}
