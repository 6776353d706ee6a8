import Foundation
import ZIPFoundation

/// Zip entries made from and read into memory, for the small parts of an archive (a manifest, a
/// JSON export); large files are added from disk and extracted to disk.
extension Archive {
    func addEntry(named path: String, data: Data, compressed: Bool = true) throws {
        try addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(),
            compressionMethod: compressed ? .deflate : .none,
            provider: { position, size in
                let start = Int(position)
                return data.subdata(in: start..<Swift.min(start + size, data.count))
            })
    }

    /// The whole content of an entry, refused above `limit` bytes so a forged archive cannot
    /// exhaust memory.
    func contents(of entry: Entry, limit: Int) throws -> Data {
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw CocoaError(.fileReadTooLarge)
        }
        var data = Data()
        _ = try extract(
            entry,
            consumer: { chunk in
                // The declared size may lie; the bytes actually inflated may not pass the limit either.
                guard data.count + chunk.count <= limit else { throw CocoaError(.fileReadTooLarge) }
                data.append(chunk)
            })
        return data
    }
}
