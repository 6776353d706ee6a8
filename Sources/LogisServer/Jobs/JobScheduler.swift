import Foundation
import LogisCore
import Vapor

/// Runs the daily jobs from `logis serve`: each day from `LOGIS_JOBS_HOUR` (Paris time, default
/// 3) and sends the outbox every 30 seconds. Every instance may run it: the job claims decide
/// which one works. `LOGIS_JOBS=off` disables it; tests never start it.
final class JobScheduler: LifecycleHandler, @unchecked Sendable {
    struct Settings: Sendable {
        var enabled = true
        var hour = 3
        var tick: Duration = .seconds(30)

        static func fromEnvironment() -> Settings {
            var settings = Settings()
            settings.enabled = Environment.get("LOGIS_JOBS")?.lowercased() != "off"
            if let hour = Environment.get("LOGIS_JOBS_HOUR").flatMap(Int.init), (0..<24).contains(hour) {
                settings.hour = hour
            }
            return settings
        }
    }

    private let settings: Settings
    private var task: Task<Void, Never>?

    init(settings: Settings) { self.settings = settings }

    /// Starts the loop on `app` and stops it when the application shuts down.
    static func start(_ app: Application, settings: Settings = .fromEnvironment()) {
        guard settings.enabled else {
            app.logger.info("jobs: disabled (LOGIS_JOBS=off)")
            return
        }
        let scheduler = JobScheduler(settings: settings)
        app.lifecycle.use(scheduler)
        scheduler.task = Task { [settings] in await Self.loop(app, settings: settings) }
        app.logger.info("jobs: daily at \(settings.hour):00 Europe/Paris")
    }

    func shutdown(_ application: Application) {
        task?.cancel()
    }

    /// Waits for the loop to stop before the databases close: a message being sent at SIGTERM
    /// records its outcome, rather than reaching for a database that is already gone.
    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }

    private static func loop(_ app: Application, settings: Settings) async {
        var finishedDay: CalendarDate?
        while !Task.isCancelled {
            let today = app.clock.today
            if finishedDay != today, parisHour(app.clock.now) >= settings.hour {
                if await runDay(app, today) { finishedDay = today }
            }
            do {
                _ = try await OutboxSender(app: app).drain()
            } catch {
                app.logger.error("outbox: \(LogisError.code(of: error))")
            }
            try? await Task.sleep(for: settings.tick)
        }
    }

    /// True when every job of the day is done (here or on another instance).
    private static func runDay(_ app: Application, _ day: CalendarDate) async -> Bool {
        var allDone = true
        for job in app.dailyJobs {
            do {
                let report = try await JobRunner(app: app).run(job, day: day)
                if report.outcome == .runningElsewhere { allDone = false }
            } catch {
                app.logger.error("job \(job.name) \(day.iso): failed (\(LogisError.code(of: error)))")
                allDone = false
            }
        }
        return allDone
    }

    static func parisHour(_ now: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        return calendar.component(.hour, from: now)
    }
}
