import Foundation

/// Serialises a `PDFDocument` (PDF 1.7 §7.5: header, body, cross-reference table, trailer).
///
/// Object numbers: 1 catalog, 2 page tree, 3 information dictionary, then one object per font
/// (in order of first use), then for each page its page object followed by its content stream.
struct PDFWriter {
    let document: PDFDocument

    private var output: [UInt8] = []
    /// Byte offset of each object, index = object number − 1.
    private var offsets: [Int] = []

    init(document: PDFDocument) {
        self.document = document
    }

    consuming func write() -> Data {
        let pages = document.pages.isEmpty ? [PDFPage()] : document.pages
        var fonts: [PDFStandardFont] = []
        for page in pages {
            for font in page.fonts where !fonts.contains(font) { fonts.append(font) }
        }
        let firstFontObject = 4
        let firstPageObject = firstFontObject + fonts.count
        let pageObjects = pages.indices.map { firstPageObject + 2 * $0 }
        func fontResourceName(_ font: PDFStandardFont) -> String { "F\(fonts.firstIndex(of: font)! + 1)" }
        func fontObject(_ font: PDFStandardFont) -> Int { firstFontObject + fonts.firstIndex(of: font)! }

        // Header; the second line is a comment of bytes ≥ 128 so transfer tools treat the file as binary.
        append("%PDF-1.4\n")
        output += [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]

        // 1: catalog.
        var catalog = "<< /Type /Catalog /Pages 2 0 R"
        if let language = document.language {
            catalog += " /Lang " + String(decoding: PDFSyntax.textString(language), as: UTF8.self)
        }
        if document.info.title != nil { catalog += " /ViewerPreferences << /DisplayDocTitle true >>" }
        catalog += " >>"
        writeObject(1, catalog)

        // 2: page tree.
        let kids = pageObjects.map { "\($0) 0 R" }.joined(separator: " ")
        writeObject(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")

        // 3: document information.
        writeObject(3, infoDictionary())

        // Fonts.
        for font in fonts {
            writeObject(
                fontObject(font),
                "<< /Type /Font /Subtype /Type1 /BaseFont \(PDFSyntax.name(font.postScriptName))"
                    + " /Encoding /WinAnsiEncoding >>")
        }

        // Pages and their content streams.
        for (index, page) in pages.enumerated() {
            let pageObject = pageObjects[index]
            let fontEntries = page.fonts.map { "/\(fontResourceName($0)) \(fontObject($0)) 0 R" }.joined(separator: " ")
            let mediaBox = "[0 0 \(PDFSyntax.number(page.size.width)) \(PDFSyntax.number(page.size.height))]"
            writeObject(
                pageObject,
                "<< /Type /Page /Parent 2 0 R /MediaBox \(mediaBox)"
                    + " /Resources << /Font << \(fontEntries) >> /ProcSet [/PDF /Text] >>"
                    + " /Contents \(pageObject + 1) 0 R >>")
            let content = ContentStream.bytes(for: page.operations, fontName: fontResourceName)
            beginObject(pageObject + 1)
            append("<< /Length \(content.count) >>\nstream\n")
            output += content
            append("\nendstream\nendobj\n")
        }

        // Cross-reference table: one subsection 0…N-1, each entry exactly 20 bytes.
        let xrefOffset = output.count
        let size = offsets.count + 1
        append("xref\n0 \(size)\n")
        append("0000000000 65535 f\r\n")
        for offset in offsets {
            let digits = String(offset)
            append(String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n\r\n")
        }
        append("trailer\n<< /Size \(size) /Root 1 0 R /Info 3 0 R >>\nstartxref\n\(xrefOffset)\n%%EOF\n")
        return Data(output)
    }

    private func infoDictionary() -> String {
        let info = document.info
        var entries: [(String, String)] = []
        if let title = info.title { entries.append(("Title", title)) }
        if let author = info.author { entries.append(("Author", author)) }
        if let subject = info.subject { entries.append(("Subject", subject)) }
        if let keywords = info.keywords { entries.append(("Keywords", keywords)) }
        if let creator = info.creator { entries.append(("Creator", creator)) }
        entries.append(("Producer", info.producer))
        let date = PDFSyntax.date(info.creationDate, timeZone: info.timeZone)
        entries.append(("CreationDate", date))
        entries.append(("ModDate", date))
        let body = entries.map { key, value in
            "/\(key) " + String(decoding: PDFSyntax.textString(value), as: UTF8.self)
        }
        return "<< " + body.joined(separator: " ") + " >>"
    }

    private mutating func beginObject(_ number: Int) {
        precondition(number == offsets.count + 1, "objects must be written in number order")
        offsets.append(output.count)
        append("\(number) 0 obj\n")
    }

    /// Writes `N 0 obj <body> endobj`. `body` must be ASCII (text strings are hex-encoded when not).
    private mutating func writeObject(_ number: Int, _ body: String) {
        beginObject(number)
        append(body)
        append("\nendobj\n")
    }

    private mutating func append(_ string: String) {
        output += Array(string.utf8)
    }
}

/// Builds the operators of one page's content stream (PDF 1.7 §8–9). Each operation is wrapped in
/// `q … Q`, so colours, line widths and text state (word spacing) never leak into the next one.
enum ContentStream {
    static func bytes(for operations: [PDFOperation], fontName: (PDFStandardFont) -> String) -> [UInt8] {
        var out: [UInt8] = []
        func emit(_ string: String) { out += Array(string.utf8) }
        let n = PDFSyntax.number
        for operation in operations {
            switch operation {
            case .text(let item):
                emit("q BT /\(fontName(item.font)) \(n(item.size)) Tf \(fill(item.color))")
                if item.wordSpacing != 0 { emit(" \(n(item.wordSpacing)) Tw") }
                emit(" \(n(item.origin.x)) \(n(item.origin.y)) Td ")
                out += PDFSyntax.literalString(WinAnsiEncoding.encode(item.text))
                emit(" Tj ET Q\n")
            case .line(let line):
                emit("q \(n(line.lineWidth)) w \(stroke(line.color)) ")
                emit("\(n(line.from.x)) \(n(line.from.y)) m \(n(line.to.x)) \(n(line.to.y)) l S Q\n")
            case .filledRectangle(let shape):
                let rect = shape.rect
                emit("q \(fill(shape.color)) ")
                emit("\(n(rect.origin.x)) \(n(rect.origin.y)) \(n(rect.size.width)) \(n(rect.size.height)) re f Q\n")
            }
        }
        return out
    }

    private static func components(_ color: PDFColor) -> (String, isGray: Bool) {
        func c(_ value: Double) -> String { PDFSyntax.number(min(1, max(0, value))) }
        switch color {
        case .gray(let level): return (c(level), true)
        case .rgb(let red, let green, let blue): return ("\(c(red)) \(c(green)) \(c(blue))", false)
        }
    }

    static func fill(_ color: PDFColor) -> String {
        let (values, isGray) = components(color)
        return values + (isGray ? " g" : " rg")
    }

    static func stroke(_ color: PDFColor) -> String {
        let (values, isGray) = components(color)
        return values + (isGray ? " G" : " RG")
    }
}
