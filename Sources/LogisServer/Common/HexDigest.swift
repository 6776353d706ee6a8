import Crypto
import Foundation

/// Hex SHA-256, for file fingerprints and for the hashed keys of sessions and throttling.
enum HexDigest {
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
