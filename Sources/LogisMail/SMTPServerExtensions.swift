/// What the server announced in its EHLO reply (RFC 5321 §4.1.1.1: one extension per line after
/// the greeting line).
struct SMTPServerExtensions: Sendable, Equatable {
    var startTLS = false
    var authenticationMechanisms: [String] = []
    var size: Int?
    var eightBitMIME = false

    init(ehloReply: SMTPReply) {
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS": startTLS = true
            case "AUTH": authenticationMechanisms += words.dropFirst()
            case "SIZE":
                // "SIZE" alone or "SIZE 0" means no announced limit (RFC 1870 §4).
                if let limit = words.dropFirst().first.flatMap({ Int($0) }), limit > 0 { size = limit }
            case "8BITMIME": eightBitMIME = true
            default: continue
            }
        }
    }
}
