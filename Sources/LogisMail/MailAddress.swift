/// A mailbox: an address and an optional display name ("Mairie de Vauvert <accueil@vauvert.fr>").
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let address: String
    public let displayName: String?

    /// Checks what SMTP and the headers need: one "@", ASCII only (non-ASCII addresses would need
    /// SMTPUTF8, which we don't speak), no spaces, angle brackets or line breaks.
    public init(_ address: String, displayName: String? = nil) throws(MailMessageError) {
        if address.containsLineBreak { throw .headerInjection(field: "address") }
        let trimmed = address.trimmingSpaces()
        guard Self.isValid(trimmed) else { throw .invalidAddress(address) }
        if let displayName, displayName.containsLineBreak {
            throw .headerInjection(field: "display name")
        }
        self.address = trimmed
        let name = displayName?.trimmingSpaces()
        self.displayName = name?.isEmpty == false ? name : nil
    }

    /// Reads "accueil@vauvert.fr" or "Mairie de Vauvert <accueil@vauvert.fr>".
    public init(parsing text: String) throws(MailMessageError) {
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else {
            try self.init(text)
            return
        }
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        var name = text[..<open].trimmingSpaces()
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
        }
        try self.init(address, displayName: name)
    }

    public var description: String {
        guard let displayName else { return address }
        return "\(displayName) <\(address)>"
    }

    private static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254 else {
            return false
        }
        return address.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && !"<>()[],;:\\\"".utf8.contains(byte)
        }
    }
}

extension StringProtocol {
    var containsLineBreak: Bool {
        utf8.contains(UInt8(ascii: "\r")) || utf8.contains(UInt8(ascii: "\n"))
    }

    func trimmingSpaces() -> String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        var trimmed = String(String.UnicodeScalarView(scalars))
        while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
        return trimmed
    }
}
