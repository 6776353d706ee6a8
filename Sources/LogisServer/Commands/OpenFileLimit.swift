#if canImport(Glibc)
    import Glibc
#endif

/// Each connection is a file descriptor; the default soft limit (often 1,024) is reached long
/// before the machine's. The hard limit is what the administrator allows: take all of it.
enum OpenFileLimit {
    static func raiseToHardLimit() {
        #if canImport(Glibc)
            var limit = rlimit()
            guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        #endif
    }
}
