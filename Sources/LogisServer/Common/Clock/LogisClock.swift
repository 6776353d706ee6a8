import Foundation
import LogisCore
import Vapor

/// The one source of "now" for every date decision (deadlines, renewals, throttling, sessions):
/// the system clock in production, a clock the test sets in tests. Nothing else in the server
/// reads `Date()` to decide.
public struct LogisClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    public static let system = LogisClock { Date() }

    public static func fixed(_ date: Date) -> LogisClock { LogisClock { date } }

    public var now: Date { read() }

    /// Today in France (Europe/Paris), whatever the server's time zone.
    public var today: CalendarDate { CalendarDate.today(now: now) }
}

extension Application {
    private struct ClockKey: StorageKey {
        typealias Value = LogisClock
    }

    public var clock: LogisClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    /// The application's clock, read once per use: `req.now` for instants, `req.today` for days.
    var now: Date { application.clock.now }
    var today: CalendarDate { application.clock.today }
}
