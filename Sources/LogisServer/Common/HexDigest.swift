import Crypto
import Foundation

/// Hex SHA-256, for file fingerprints and for the hashed keys of sessions and throttling.
enum HexDigest {
    /// Every signed-in request hashes its token: 32 `String(format:)` calls were 4 % of a read's CPU.
    static func sha256(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
