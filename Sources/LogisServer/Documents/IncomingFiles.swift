import Foundation
import NIOFileSystem
import Vapor

/// Files being received live in `incoming/<host>.<pid>/` under the files folder, one folder per
/// process, until they are moved into place or dropped. A folder whose process is gone holds only
/// what a kill left behind; `sweep` removes it at the next start, so no orphan file stays.
enum IncomingFiles {
    static let folderName = "incoming"

    static func root(_ app: Application) -> String { DocumentStore.directory(app) + "/" + folderName }

    /// This process's folder.
    static func folder(_ app: Application) -> FilePath {
        FilePath(root(app) + "/" + owner(host: ProcessInfo.processInfo.hostName, pid: currentPID))
    }

    /// A random file name in this process's folder: nothing a client sends reaches a path.
    static func newPath(_ app: Application, suffix: String) -> FilePath {
        let name = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return folder(app).appending(name + "." + suffix)
    }

    /// Removes the folders of this machine's dead processes and of this one (it is starting, so
    /// nothing of its own is under way), and files of other machines older than
    /// `PendingFile.settleAfter`. Returns how many files went.
    @discardableResult
    static func sweep(_ app: Application, now: Date) -> Int {
        let files = FileManager.default
        let root = root(app)
        guard let owners = try? files.contentsOfDirectory(atPath: root) else { return 0 }
        let host = ProcessInfo.processInfo.hostName
        var removed = 0
        for name in owners {
            let folder = root + "/" + name
            let entries = (try? files.contentsOfDirectory(atPath: folder)) ?? []
            if let pid = pidOnThisMachine(folder: name, host: host), pid == currentPID || !PendingFile.isAlive(pid: pid)
            {
                removed += entries.count
                try? files.removeItem(atPath: folder)
                continue
            }
            for entry in entries {
                let path = folder + "/" + entry
                let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? now
                guard now.timeIntervalSince(modified) > PendingFile.settleAfter else { continue }
                try? files.removeItem(atPath: path)
                removed += 1
            }
        }
        return removed
    }

    private static var currentPID: Int { Int(ProcessInfo.processInfo.processIdentifier) }

    /// Host names are letters, digits, dots and dashes; anything else is replaced to keep one path component.
    private static func owner(host: String, pid: Int) -> String {
        let safe = String(host.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        return safe + "." + String(pid)
    }

    /// The process a folder belongs to, if it is one of this machine's.
    private static func pidOnThisMachine(folder name: String, host: String) -> Int? {
        guard let dot = name.lastIndex(of: "."), let pid = Int(name[name.index(after: dot)...]),
            name == owner(host: host, pid: pid)
        else { return nil }
        return pid
    }
}
