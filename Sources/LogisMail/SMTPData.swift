/// The DATA payload (RFC 5321 §4.5.2): dot-stuffed and closed by "CRLF.CRLF".
public enum SMTPData {
    /// Every line break becomes CRLF before stuffing: a bare LF or CR that one server takes for a
    /// line end and another does not is how "SMTP smuggling" slips a second message past a relay.
    public static func payload(_ message: String) -> [UInt8] {
        let bytes = Array(message.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 64 + 5)
        var atLineStart = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                output += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
                let isCRLF =
                    byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                index += isCRLF ? 2 : 1
                atLineStart = true
                continue
            case UInt8(ascii: ".") where atLineStart:
                output.append(UInt8(ascii: "."))
            default:
                break
            }
            output.append(byte)
            atLineStart = false
            index += 1
        }
        if !output.isEmpty, !atLineStart {
            output += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        }
        output += Array(".\r\n".utf8)
        return output
    }
}
