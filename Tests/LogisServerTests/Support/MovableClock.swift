import Foundation
import LogisCore
import NIOConcurrencyHelpers

@testable import LogisServer

/// A clock the test moves: set the application's clock to `clock.logisClock`, then `set(…)`.
final class MovableClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ day: CalendarDate) {
        current = NIOLockedValueBox(day.startOfDayDate)
    }

    func set(_ day: CalendarDate) { current.withLockedValue { $0 = day.startOfDayDate } }

    /// Moves the clock forward within the day (links that last minutes).
    func advance(by seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }

    var logisClock: LogisClock { LogisClock { [current] in current.withLockedValue { $0 } } }
}
