import Crypto
import MultipartKit
import NIOCore
import NIOFileSystem
import Vapor

/// A file received with an upload: in this process's incoming folder until the store moves it
/// into place, with what the store checks computed on the way (size, digest, first bytes).
struct ReceivedFile: Sendable {
    let filename: String
    let path: FilePath
    let size: Int
    let sha256: String
    /// The first bytes, which say what the file really is.
    let head: [UInt8]
}

/// The fields and files of an upload, read from its spool 64 KiB at a time: fields (short text)
/// in memory, each file part copied to its own file as it is parsed. The spool removes those
/// files with the request unless the store moved them.
struct ReceivedForm: Sendable {
    var fields: [String: String] = [:]
    var files: [String: ReceivedFile] = [:]

    /// The longest text field (a comment), and how many parts a form may have.
    static let maximumFieldLength = 16 * 1024
    static let maximumParts = 32

    /// Reads this request's upload; `fileFields` names the parts that are files. A form sent
    /// without a file (url-encoded, collected by `RequestBodyGate`) gives its fields only.
    static func read(_ req: Request, fileFields: Set<String>) async throws -> ReceivedForm {
        guard let spool = req.uploadSpool else {
            guard req.headers.contentType == .urlEncodedForm, req.body.data != nil else {
                throw LogisError.unsupportedMediaType
            }
            return ReceivedForm(fields: try req.content.decode([String: String].self))
        }
        let reader = PartReader(spool: spool, app: req.application, fileFields: fileFields)
        return try await reader.run()
    }

    /// A required field; its absence reads as an unreadable form, as with `req.content.decode`.
    func field(_ name: String) throws -> String {
        guard let value = fields[name] else { throw Self.missing(name) }
        return value
    }

    func file(_ name: String) throws -> ReceivedFile {
        guard let file = files[name] else { throw Self.missing(name) }
        return file
    }

    private static func missing(_ name: String) -> DecodingError {
        .keyNotFound(FieldKey(stringValue: name), .init(codingPath: [], debugDescription: "Champ absent : \(name)."))
    }

    private struct FieldKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Walks the parts of a spooled body. Multipart-kit's parser calls back synchronously; its
/// events are queued per chunk and then handled here, where file writes can be awaited.
private final class PartReader {
    enum Event {
        case header(String, String)
        case body(ByteBuffer)
        case end
    }

    enum Part {
        case field(name: String, value: ByteBuffer)
        case file(name: String, OpenFile)
    }

    struct OpenFile {
        let filename: String
        let path: FilePath
        let handle: WriteFileHandle
        var size = 0
        var hasher = SHA256()
        var head: [UInt8] = []
    }

    let spool: UploadSpool
    let app: Application
    let fileFields: Set<String>
    var events: [Event] = []
    var headers = HTTPHeaders()
    var part: Part?
    var parts = 0
    var form = ReceivedForm()

    init(spool: UploadSpool, app: Application, fileFields: Set<String>) {
        self.spool = spool
        self.app = app
        self.fileFields = fileFields
    }

    func run() async throws -> ReceivedForm {
        guard !spool.boundary.isEmpty else { throw LogisError.invalidBody }
        let parser = MultipartParser(boundary: spool.boundary)
        parser.onHeader = { name, value in self.events.append(.header(name, value)) }
        parser.onBody = { body in self.events.append(.body(body)) }
        parser.onPartComplete = { self.events.append(.end) }
        do {
            for try await chunk in spool.chunks() {
                do {
                    try parser.execute(chunk)
                } catch {
                    throw LogisError.invalidBody
                }
                let queued = events
                events.removeAll(keepingCapacity: true)
                for event in queued { try await handle(event) }
            }
        } catch {
            await abandonOpenFile()
            throw error
        }
        // A part cut off before its closing boundary is not part of the form.
        await abandonOpenFile()
        return form
    }

    private func handle(_ event: Event) async throws {
        switch event {
        case .header(let name, let value):
            headers.add(name: name, value: value)
        case .body(var bytes):
            if part == nil { try await start() }
            try await append(&bytes)
        case .end:
            if part == nil { try await start() }
            try await complete()
        }
    }

    private func start() async throws {
        parts += 1
        guard parts <= ReceivedForm.maximumParts else { throw LogisError.invalidBody }
        // A part without a name is read within the field limits and ignored, as a browser's form
        // would never send one and a client's extra part must not turn a valid upload into an error.
        let name = headers.contentDisposition?.name ?? ""
        guard !name.isEmpty, fileFields.contains(name) else {
            part = .field(name: name, value: ByteBuffer())
            return
        }
        guard form.files[name] == nil else { throw LogisError.invalidBody }
        let path = IncomingFiles.newPath(app, suffix: "piece")
        spool.register(path)
        let handle = try await FileSystem.shared.openFile(forWritingAt: path, options: .newFile(replaceExisting: false))
        part = .file(
            name: name, OpenFile(filename: headers.contentDisposition?.filename ?? "", path: path, handle: handle))
    }

    private func append(_ bytes: inout ByteBuffer) async throws {
        switch part {
        case .field(let name, var value):
            guard value.readableBytes + bytes.readableBytes <= ReceivedForm.maximumFieldLength else {
                throw LogisError.invalidBody
            }
            value.writeBuffer(&bytes)
            part = .field(name: name, value: value)
        case .file(let name, var file):
            if file.head.count < 8 { file.head += bytes.readableBytesView.prefix(8 - file.head.count) }
            bytes.withUnsafeReadableBytes { file.hasher.update(bufferPointer: $0) }
            try await file.handle.write(contentsOf: bytes, toAbsoluteOffset: Int64(file.size))
            file.size += bytes.readableBytes
            part = .file(name: name, file)
        case nil:
            break
        }
    }

    private func complete() async throws {
        switch part {
        case .field(let name, let value):
            form.fields[name] = String(buffer: value)
        case .file(let name, let file):
            part = nil
            // Named only now that it is whole (until then the file has no name, see UploadSpool).
            try await file.handle.close(makeChangesVisible: true)
            form.files[name] = ReceivedFile(
                filename: file.filename, path: file.path, size: file.size,
                sha256: file.hasher.finalize().map { String(format: "%02x", $0) }.joined(), head: file.head)
        case nil:
            break
        }
        part = nil
        headers = HTTPHeaders()
    }

    private func abandonOpenFile() async {
        if case .file(_, let file) = part {
            try? await file.handle.close(makeChangesVisible: false)
        }
        part = nil
    }
}
