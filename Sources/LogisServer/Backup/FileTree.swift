import Crypto
import Foundation

/// The regular files of a folder and their fingerprints, read in chunks: a database of several
/// gigabytes is hashed without being held in memory.
enum FileTree {
    /// Paths of the regular files under `root`, relative to it, sorted (empty when `root` is missing).
    static func regularFiles(under root: String) -> [String] {
        let rootURL = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        guard
            let enumerator = FileManager.default.enumerator(
                at: rootURL, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        else { return [] }
        let prefix = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        var paths: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            paths.append(String(path.dropFirst(prefix.count)))
        }
        return paths.sorted()
    }

    static func sha256(ofFileAt path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func size(ofFileAt path: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// A folder that holds no regular file counts as empty (a fresh install creates the folders).
    static func isEmptyOrMissing(_ folder: String) -> Bool { regularFiles(under: folder).isEmpty }
}
