import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP client for tests that must send half a request or a body byte by byte, which no
/// HTTP client does. Blocking calls run on Dispatch threads, away from Swift's cooperative pool.
final class RawSocket: @unchecked Sendable {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawSocketError.cannotOpen }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw RawSocketError.cannotConnect
        }
    }

    deinit { close(descriptor) }

    /// Sends the bytes; false when the server has already closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// What the server sent within `timeout`: its bytes, `.closed` when it hung up, `.silent` otherwise.
    func receive(within timeout: Duration) async -> Received {
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        let descriptor = descriptor
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, milliseconds) > 0 else { return continuation.resume(returning: .silent) }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count <= 0 { return continuation.resume(returning: .closed) }
                continuation.resume(returning: .bytes(String(decoding: buffer[..<count], as: UTF8.self)))
            }
        }
    }

    enum Received: Equatable {
        case bytes(String)
        case closed
        case silent

        /// The status line's code, when bytes came.
        var status: Int? {
            guard case .bytes(let text) = self, text.hasPrefix("HTTP/1.1 ") else { return nil }
            return Int(text.dropFirst(9).prefix(3))
        }
    }
}

enum RawSocketError: Error {
    case cannotOpen
    case cannotConnect
}

extension Application {
    /// Starts the real HTTP server on a free loopback port and returns that port.
    func startServer() async throws -> Int {
        try await server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = http.server.shared.localAddress?.port else { throw RawSocketError.cannotConnect }
        return port
    }
}
