import LogisCore
import Vapor

extension Application {
    private struct CeilingsKey: StorageKey {
        typealias Value = CeilingsCatalog
    }

    /// The ceilings tables: the bundled ones plus those an administrator imported
    /// (`logis rules import-ceilings`), read once at start-up.
    var ceilings: CeilingsCatalog {
        get { storage[CeilingsKey.self] ?? .bundled }
        set { storage[CeilingsKey.self] = newValue }
    }

    func loadRules(_ settings: Settings) {
        let directory = URL(fileURLWithPath: settings.rulesDataDirectory).appendingPathComponent("ceilings")
        do {
            ceilings = try CeilingsCatalog.load(extraDirectory: directory)
        } catch {
            logger.error("imported ceilings ignored: \(error.code)")
            ceilings = .bundled
        }
    }
}

extension LogisError {
    /// A rule's refusal as an HTTP error: bad input is 400; a missing table, or a stored answer
    /// whose code the vocabulary does not know, is 422.
    init(_ error: RuleError) {
        let status: HTTPResponseStatus =
            ["ceilings_unavailable", "unknown_code"].contains(error.code) ? .unprocessableEntity : .badRequest
        self.init(status, coreCode: error.code, message: error.message)
    }
}
