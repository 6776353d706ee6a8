import NIOPosix
import Vapor

/// Bcrypt hashing and checking on threads of their own, a bounded number at a time.
///
/// A Bcrypt hash costs a quarter of a second of CPU by design. On the shared thread pool, 200
/// parallel sign-ups queued ahead of every SQLite query and `/healthz` took seconds; here they
/// use at most half the cores, and beyond `maximumWaiting` a request is answered 503 at once.
final class PasswordWork: Sendable {
    private let pool: NIOThreadPool
    private let gate: WaitingGate
    private let cost: Int

    init(cost: Int, threads: Int = max(1, System.coreCount / 2), maximumWaiting: Int = 64) {
        self.cost = cost
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        gate = WaitingGate(limit: maximumWaiting)
    }

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await run { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, created hash: String) async throws -> Bool {
        try await run { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard await gate.enter() else { throw LogisError.serverBusy }
        do {
            let result = try await pool.runIfActive(work)
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }
}

/// Counts the pieces of work queued or running, refusing new ones past the limit.
private actor WaitingGate {
    let limit: Int
    private var current = 0

    init(limit: Int) {
        self.limit = limit
    }

    func enter() -> Bool {
        guard current < limit else { return false }
        current += 1
        return true
    }

    func leave() { current -= 1 }
}

extension Application {
    private struct PasswordWorkKey: StorageKey {
        typealias Value = PasswordWork
    }

    var passwordWork: PasswordWork {
        get {
            guard let work = storage[PasswordWorkKey.self] else {
                fatalError("configureDatabase(_:) must run before passwords are hashed")
            }
            return work
        }
        set { storage[PasswordWorkKey.self] = newValue }
    }

    /// Starts the Bcrypt threads and stops them with the application.
    func configurePasswordWork(cost: Int) {
        let work = PasswordWork(cost: cost)
        passwordWork = work
        lifecycle.use(PasswordWorkLifecycle(work: work))
    }
}

private struct PasswordWorkLifecycle: LifecycleHandler {
    let work: PasswordWork

    func shutdownAsync(_ application: Application) async {
        await work.shutdown()
    }
}
