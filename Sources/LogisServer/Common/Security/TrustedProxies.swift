import Vapor

/// The reverse proxies whose `X-Forwarded-For` is believed (`LOGIS_TRUSTED_PROXIES`, a comma
/// list of addresses and IPv4 ranges such as `127.0.0.1,10.0.0.0/8`).
///
/// The client writes whatever it likes at the left of `X-Forwarded-For`; each proxy appends the
/// address it saw on the right. So the client's address is the rightmost one that is not a
/// trusted proxy, and only when the connection itself comes from a trusted proxy.
public struct TrustedProxies: Sendable, Equatable {
    enum Entry: Sendable, Equatable {
        case exact(String)
        case ipv4Range(network: UInt32, mask: UInt32)
    }

    let entries: [Entry]

    public static let none = TrustedProxies(entries: [])

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses the setting; a malformed entry stops the server at start rather than trust too much.
    public init(parsing text: String) throws {
        var entries: [Entry] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            if let slash = item.firstIndex(of: "/") {
                let bitsText = item[item.index(after: slash)...]
                guard let network = Self.ipv4(String(item[..<slash])), let bits = Int(bitsText), (0...32).contains(bits)
                else { throw ConfigurationError(message: "LOGIS_TRUSTED_PROXIES : plage invalide « \(item) ».") }
                let mask: UInt32 = bits == 0 ? 0 : UInt32.max << (32 - bits)
                entries.append(.ipv4Range(network: network & mask, mask: mask))
            } else {
                guard Self.ipv4(item) != nil || item.contains(":") else {
                    throw ConfigurationError(message: "LOGIS_TRUSTED_PROXIES : adresse invalide « \(item) ».")
                }
                entries.append(.exact(item.lowercased()))
            }
        }
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    func contains(_ address: String) -> Bool {
        let address = address.lowercased()
        let value = Self.ipv4(address)
        return entries.contains { entry in
            switch entry {
            case .exact(let exact): exact == address
            case .ipv4Range(let network, let mask): value.map { $0 & mask == network } ?? false
            }
        }
    }

    /// The address of the person at the other end, as far as the trusted proxies can tell.
    func clientAddress(peer: String?, forwardedFor headers: [String]) -> String {
        guard let peer else { return "unknown" }
        guard contains(peer) else { return peer }
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !hop.isEmpty {
            if !contains(hop) { return hop }
        }
        return hops.first(where: { !$0.isEmpty }) ?? peer
    }

    static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard part.count <= 3, let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}

extension Request {
    /// The client's address for throttling: the connection's, or the one the trusted proxy saw.
    var clientAddress: String {
        application.logisSettings.trustedProxies.clientAddress(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }
}
