import Vapor

/// The disk that uploads being received may take at once, shared by every connection.
///
/// An upload is received to a file (`UploadSpool`), a chunk at a time, so memory no longer grows
/// with the number of uploads; what does is the disk, and the time honest uploads wait behind a
/// flood. Beyond the budget a request is answered 503 at once (with `Retry-After`) instead of
/// being read.
actor UploadBudget {
    let capacity: Int
    private(set) var reserved = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Reserves `bytes`, or says no when the budget is spent.
    func reserve(_ bytes: Int) -> Bool {
        guard reserved + bytes <= capacity else { return false }
        reserved += bytes
        return true
    }

    func release(_ bytes: Int) {
        reserved = max(0, reserved - bytes)
    }
}

extension Application {
    private struct UploadBudgetKey: StorageKey {
        typealias Value = UploadBudget
    }

    var uploadBudget: UploadBudget {
        get {
            guard let budget = storage[UploadBudgetKey.self] else {
                fatalError("configureSecurity(_:) must run before the upload budget is read")
            }
            return budget
        }
        set { storage[UploadBudgetKey.self] = newValue }
    }
}
