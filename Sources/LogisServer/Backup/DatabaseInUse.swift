import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells whether another process has the SQLite database open, so a restore never pulls the file
/// from under a running server.
///
/// In WAL mode every open connection keeps a read lock on the `-shm` file for as long as it lives
/// (SQLite's "DMS" lock), even when idle; a rollback-journal connection locks the main file only
/// while it reads or writes. Asking the kernel whether a write lock would conflict finds both.
/// Only other processes are seen (POSIX locks belong to a process), and this process must not
/// have the file open itself: closing our descriptor would drop its own SQLite locks.
enum DatabaseInUse {
    static func check(_ path: String) -> Bool {
        [path + "-shm", path].contains { FileManager.default.fileExists(atPath: $0) && isLocked($0) }
    }

    private static func isLocked(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY)
        // A file we cannot open cannot be proved idle.
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return true }
        return lock.l_type != Int16(F_UNLCK)
    }
}
