import NIOConcurrencyHelpers
import NIOCore
import NIOFileSystem
import Vapor

/// An upload's body on disk, from its first byte to the end of the request: memory holds one
/// chunk at a time, never the body. The file has no name (Linux creates it with `O_TMPFILE` in
/// this process's incoming folder, see `IncomingFiles`), so a kill leaves nothing, and `discard`
/// closes it without ever naming it. Pieces read out of it are registered here and removed with
/// it unless they were moved into place.
final class UploadSpool: Sendable {
    let boundary: String
    private let handle: ReadWriteFileHandle
    private let state = NIOLockedValueBox(State())

    private struct State {
        var size: Int64 = 0
        var extracted: [FilePath] = []
    }

    private init(boundary: String, handle: ReadWriteFileHandle) {
        self.boundary = boundary
        self.handle = handle
    }

    static func open(for request: Request, boundary: String) async throws -> UploadSpool {
        let path = IncomingFiles.newPath(request.application, suffix: "body")
        if let folder = path.removingLastComponent().string.nonEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let handle = try await FileSystem.shared.openFile(
            forReadingAndWritingAt: path, options: .newFile(replaceExisting: false))
        return UploadSpool(boundary: boundary, handle: handle)
    }

    /// Writes each chunk where it belongs; the connection waits for the write before reading on.
    func sink(on eventLoop: any EventLoop) -> StreamedBody.Sink {
        { chunk, offset in
            eventLoop.makeFutureWithTask {
                try await self.handle.write(contentsOf: chunk, toAbsoluteOffset: offset)
                let end = offset + Int64(chunk.readableBytes)
                self.state.withLockedValue { $0.size = max($0.size, end) }
            }
        }
    }

    var size: Int64 { state.withLockedValue { $0.size } }

    /// The body as it was received, in chunks of 64 KiB.
    func chunks() -> FileChunks {
        handle.readChunks(in: 0..<size, chunkLength: .kibibytes(64))
    }

    /// A file made from this body, removed by `discard` unless it has been moved away by then.
    func register(_ path: FilePath) {
        state.withLockedValue { $0.extracted.append(path) }
    }

    /// Closes the body's file without naming it and removes what was made from it and left.
    func discard() async {
        try? await handle.close(makeChangesVisible: false)
        let extracted = state.withLockedValue { $0.extracted }
        for path in extracted {
            _ = try? await FileSystem.shared.removeItem(at: path, recursively: false)
        }
    }
}

extension Request {
    private struct UploadSpoolKey: StorageKey {
        typealias Value = UploadSpool
    }

    /// The received body of an upload route, set by `RequestBodyGate`.
    var uploadSpool: UploadSpool? {
        get { storage[UploadSpoolKey.self] }
        set { storage[UploadSpoolKey.self] = newValue }
    }
}

extension Route {
    static let receivesUploadKey = "logis.receivesUpload"

    /// Declares that this route takes a file: its multipart body is received to disk
    /// (`UploadSpool`) and read with `ReceivedForm`, not collected in memory.
    @discardableResult
    func receivesUpload() -> Route {
        userInfo[Self.receivesUploadKey] = true
        return self
    }

    var takesUpload: Bool { userInfo[Self.receivesUploadKey] as? Bool ?? false }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
