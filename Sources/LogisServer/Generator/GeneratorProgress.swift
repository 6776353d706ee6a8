import Foundation

/// A progress bar with rate and ETA on a terminal (stderr, redrawn in place); elsewhere (CI,
/// a log file) one plain line every tenth of the work, so logs stay short.
struct GeneratorProgress {
    let label: String
    let total: Int
    let started: Date
    let first: Int
    private let interactive: Bool
    private var lastTenth = -1

    init(label: String, total: Int, alreadyDone: Int, now: Date = Date()) {
        self.label = label
        self.total = total
        self.first = alreadyDone
        started = now
        interactive = isatty(STDERR_FILENO) == 1
    }

    mutating func update(_ done: Int, now: Date = Date()) {
        let line = Self.line(
            label: label, done: done, total: total, since: first, elapsed: now.timeIntervalSince(started),
            bar: interactive)
        if interactive {
            FileHandle.standardError.write(Data(("\r" + line + (done >= total ? "\n" : "")).utf8))
        } else {
            let tenth = total == 0 ? 10 : done * 10 / total
            guard tenth != lastTenth else { return }
            lastTenth = tenth
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// « requests [#####     ] 50 % 10000/20000 4100/s ETA 2 s ».
    static func line(label: String, done: Int, total: Int, since first: Int, elapsed: Double, bar: Bool) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let rate = elapsed > 0 ? Double(done - first) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let drawn =
            bar
            ? "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] " : ""
        return "\(label) \(drawn)\(Int(fraction * 100)) % \(done)/\(total) \(Int(rate))/s ETA \(duration(remaining))"
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60) min \(whole % 60) s" : "\(whole) s"
    }
}
