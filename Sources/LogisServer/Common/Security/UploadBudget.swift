import Vapor

/// The memory that bodies being received may hold at once, shared by every connection.
///
/// An upload is held in memory while it is checked, so without a bound a hundred parallel uploads
/// of five megabytes hold half a gigabyte; beyond the budget a request is answered 503 at once
/// (with `Retry-After`) instead of being read.
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
