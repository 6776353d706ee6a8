import Vapor

/// One upload at a time per request: a second one while the first is being stored is answered
/// 409 at once. Without it, parallel uploads of one piece raced on the same row (two files for
/// one piece, or SQLite "busy" errors answered 500).
///
/// In memory, per instance: several instances share PostgreSQL, whose row locks keep the rows
/// right; this guard keeps an account from tying up one instance.
actor UploadsInProgress {
    private var requests: Set<UUID> = []

    func begin(_ request: UUID) -> Bool { requests.insert(request).inserted }

    func end(_ request: UUID) { requests.remove(request) }
}

extension LogisError {
    static let uploadInProgress = LogisError(
        .conflict, code: .uploadInProgress,
        message: "Un envoi de pièce est déjà en cours pour cette demande : attendez qu’il se termine, puis réessayez.")
}

extension Application {
    private struct UploadsInProgressKey: StorageKey {
        typealias Value = UploadsInProgress
    }

    /// Set once by `configureSecurity` (storage is not written while requests run).
    var uploadsInProgress: UploadsInProgress {
        get {
            guard let uploads = storage[UploadsInProgressKey.self] else {
                fatalError("configureSecurity(_:) must run before uploads")
            }
            return uploads
        }
        set { storage[UploadsInProgressKey.self] = newValue }
    }
}
