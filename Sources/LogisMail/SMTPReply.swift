import NIOCore

/// One server reply (RFC 5321 §4.2): a code and its lines, continuation lines ("250-…") folded in.
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    public var text: String { lines.joined(separator: " ") }
}

/// Frames the byte stream into replies. A line longer than RFC 5321's 512 octets is tolerated up
/// to a bound, so that a hostile server cannot make us buffer without end.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    static let maximumLineLength = 4096

    private var pendingLines: [String] = []
    private var pendingCode: Int?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength {
                throw SMTPError.malformedReply("line longer than \(Self.maximumLineLength) bytes")
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        if let reply = try consume(line) {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    private mutating func consume(_ line: String) throws -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)),
            (200...599).contains(code)
        else {
            throw SMTPError.malformedReply("unexpected line \"\(line.prefix(80))\"")
        }
        if let pendingCode, pendingCode != code {
            throw SMTPError.malformedReply("continuation line with code \(code) after \(pendingCode)")
        }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        pendingLines.append(text)
        if separator == UInt8(ascii: "-") {
            pendingCode = code
            return nil
        }
        guard separator == UInt8(ascii: " ") else {
            throw SMTPError.malformedReply("unexpected separator after code \(code)")
        }
        defer {
            pendingLines = []
            pendingCode = nil
        }
        return SMTPReply(code: code, lines: pendingLines)
    }
}
