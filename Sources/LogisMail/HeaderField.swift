import Foundation

/// Writes one header field: non-ASCII text as RFC 2047 encoded-words, folded (RFC 5322 §2.2.3) so
/// that no line is longer than 78 characters.
enum HeaderField {
    static let maximumLineLength = 78

    // "Subject: " is the longest prefix an encoded-word follows; each word must fit after it.
    private static let longestPrefix = "Subject: ".count
    private static let encodedWordOverhead = "=?UTF-8?B??=".count
    private static let bytesPerEncodedWord =
        (maximumLineLength - longestPrefix - encodedWordOverhead) / 4 * 3

    /// A field whose value is free text (the subject).
    static func text(_ name: String, _ value: String) throws(MailMessageError) -> String {
        try fold(name, atoms: textAtoms(value, field: name))
    }

    /// A field whose value is a list of mailboxes (From, To).
    static func mailboxes(_ name: String, _ mailboxes: [MailAddress]) throws(MailMessageError) -> String {
        var atoms: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            let separator = index == mailboxes.count - 1 ? "" : ","
            if let displayName = mailbox.displayName {
                atoms += try phraseAtoms(displayName, field: name)
                atoms.append("<\(mailbox.address)>" + separator)
            } else {
                atoms.append(mailbox.address + separator)
            }
        }
        return try fold(name, atoms: atoms)
    }

    /// A field whose value is already ASCII without spaces (Date, Message-ID, MIME headers).
    static func raw(_ name: String, _ value: String) throws(MailMessageError) -> String {
        if value.containsLineBreak { throw .headerInjection(field: name) }
        return try fold(name, atoms: value.split(separator: " ").map(String.init))
    }

    /// Atoms are never split; the line breaks before an atom that would overflow the line, where
    /// the space that separates it from the previous one stands (unfolding gives that space back).
    private static func fold(_ name: String, atoms: [String]) throws(MailMessageError) -> String {
        if name.containsLineBreak || atoms.contains(where: \.containsLineBreak) {
            throw .headerInjection(field: name)
        }
        var output = name + ":"
        var lineLength = output.count
        for atom in atoms {
            if lineLength + 1 + atom.count > maximumLineLength, lineLength > name.count + 1 {
                output += "\r\n"
                lineLength = 0
            }
            output += " " + atom
            lineLength += 1 + atom.count
        }
        return output
    }

    private static func textAtoms(_ value: String, field: String) throws(MailMessageError) -> [String] {
        if value.containsLineBreak { throw .headerInjection(field: field) }
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let fitsAsIs = words.allSatisfy { word in
            !word.isEmpty && word.count <= maximumLineLength - longestPrefix
                && word.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        }
        // "=?" in plain text would be read back as the start of an encoded-word.
        guard fitsAsIs, !value.contains("=?") else { return encodedWords(value) }
        return words
    }

    private static func phraseAtoms(_ name: String, field: String) throws(MailMessageError) -> [String] {
        if name.containsLineBreak { throw .headerInjection(field: field) }
        let isPrintableASCII = name.utf8.allSatisfy { (0x20...0x7E).contains($0) }
        let quoted = "\"" + name.replacingBackslashesAndQuotes() + "\""
        guard isPrintableASCII, !name.contains("=?"), quoted.count <= maximumLineLength - longestPrefix else {
            return encodedWords(name)
        }
        return [quoted]
    }

    /// Base64 encoded-words, each holding whole characters (RFC 2047 §5: a word must decode on its own).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > bytesPerEncodedWord {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}

extension String {
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var escaped = ""
        for character in self {
            if character == "\\" || character == "\"" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
