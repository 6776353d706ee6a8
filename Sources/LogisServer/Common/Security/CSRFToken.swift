import Crypto
import Foundation

/// The token a form carries: the HMAC-SHA256, under the server's key, of what the form is bound
/// to. A signed-in browser binds it to its session token; a stranger to a random nonce held in
/// the CSRF cookie. The cookie alone is thus no token, and a token minted for one session (or
/// before signing in) is worth nothing in another.
enum CSRFToken {
    enum Binding: Equatable {
        case session(String)
        case anonymous(nonce: String)

        /// Distinct prefixes: a nonce that happened to equal a session token still signs differently.
        var message: Data {
            switch self {
            case .session(let token): Data("session:\(token)".utf8)
            case .anonymous(let nonce): Data("anonymous:\(nonce)".utf8)
            }
        }
    }

    /// Length of a nonce and of a token: 256 bits in base64url without padding.
    static let length = 43

    static func mint(for binding: Binding, key: SymmetricKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: binding.message, using: key)).base64URLEncodedString()
    }

    /// An empty or missing token never matches, whatever it is compared with.
    static func isValid(_ sent: String?, for binding: Binding, key: SymmetricKey) -> Bool {
        guard let sent, sent.utf8.count == length else { return false }
        return constantTimeEquals(mint(for: binding, key: key), sent)
    }

    static func makeNonce() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncodedString()
    }

    /// The cookie's nonce, if it has the shape of one (anything else is replaced by a fresh one).
    static func nonce(_ value: String?) -> String? {
        guard let value, value.utf8.count == length else { return nil }
        return value
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
