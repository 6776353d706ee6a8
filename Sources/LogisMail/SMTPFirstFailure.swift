import NIOConcurrencyHelpers

/// The first thing that went wrong on a connection. Once the channel is closed its handlers are
/// gone, and a later write only learns "closed"; the caller needs the cause (the TLS handshake that
/// failed, the timeout) to know what happened.
final class SMTPFirstFailure: Sendable {
    private let first = NIOLockedValueBox<SMTPError?>(nil)

    func record(_ error: SMTPError) {
        first.withLockedValue { first in
            if first == nil { first = error }
        }
    }

    /// `error` itself, unless it is only the connection closing after an earlier failure.
    func cause(of error: SMTPError) -> SMTPError {
        guard case .connectionFailed = error, let first = first.withLockedValue({ $0 }) else { return error }
        return first
    }
}
