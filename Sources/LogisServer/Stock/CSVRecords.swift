/// A small RFC 4180 reader that keeps what a per-line report needs and SwiftCSV drops: each
/// record's own field count (SwiftCSV pads a short line to the header's width) and the number of
/// the line it starts on (a quoted field may hold a line break).
enum CSVRecords {
    struct Record: Equatable, Sendable {
        let line: Int
        let fields: [String]
    }

    struct Unclosed: Error, Equatable {
        let line: Int
    }

    static func parse(_ text: String, delimiter: Character) throws(Unclosed) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var start = 1
        var characters = text.makeIterator()
        var pending = characters.next()
        func endRecord() {
            fields.append(field)
            records.append(Record(line: start, fields: fields))
            fields = []
            field = ""
        }
        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case delimiter:
                fields.append(field)
                field = ""
            // Swift reads "\r\n" as one character.
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                start = line
            default: field.append(character)
            }
        }
        guard !quoted else { throw Unclosed(line: start) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
