import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Dates and calls the job tests share.
enum JobSupport {
    static func day(_ iso: String) throws -> CalendarDate { try CalendarDate(iso: iso) }

    /// Runs one job for the clock's day.
    @discardableResult
    static func run(
        _ job: any DailyJob, _ app: Application, budget: Int? = nil, pageSize: Int? = nil
    ) async throws
        -> JobRunner.Report
    {
        var runner = JobRunner(app: app)
        runner.itemBudget = budget
        runner.pageSize = pageSize
        return try await runner.run(job, day: app.clock.today)
    }

    /// The messages the daily jobs queued for a request, oldest first (the « NUD issued » message
    /// of its registration is not theirs).
    static func messages(for request: UUID, _ app: Application) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).filter(\.$requestID == request)
            .filter(\.$template != "nud-issued").sort(\.$createdAt).all()
    }

    /// A request registered through the API on `registered` (an applicant account with an e-mail).
    static func registeredRequest(_ app: Application, on registered: String) async throws -> UUID {
        app.clock = .fixed(try day(registered).startOfDayDate)
        return try await app.registeredApplicantRequest().id
    }
}
