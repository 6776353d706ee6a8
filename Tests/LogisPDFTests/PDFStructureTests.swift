import Foundation
import Testing

@testable import LogisPDF

@Suite("File structure")
struct PDFStructureTests {
    private func sampleDocument(title: String = "Attestation d’enregistrement") -> PDFDocument {
        var layout = Fixtures.attestation(paragraphs: 10)
        layout.paragraph("Fin.")
        return layout.document(info: PDFDocumentInfo(title: title, creationDate: Fixtures.creationDate))
    }

    @Test func headerAndBinaryCommentLine() {
        let bytes = PDFBytes.bytes(sampleDocument().data())
        #expect(Array(bytes.prefix(9)) == Array("%PDF-1.4\n".utf8))
        // Second line: a comment whose bytes are all ≥ 128.
        #expect(bytes[9] == UInt8(ascii: "%"))
        let commentEnd = bytes[10...].firstIndex(of: 0x0A)!
        #expect(commentEnd - 10 >= 4)
        #expect(bytes[10..<commentEnd].allSatisfy { $0 >= 128 })
    }

    @Test func xrefOffsetsPointAtTheirObjects() throws {
        let bytes = PDFBytes.bytes(sampleDocument().data())

        // startxref → offset of the "xref" keyword.
        let startxref = try #require(PDFBytes.findLast("startxref\n", in: bytes))
        let xrefOffset = try #require(PDFBytes.integer(in: bytes, at: startxref + 10))
        #expect(Array(bytes[xrefOffset..<xrefOffset + 5]) == Array("xref\n".utf8))

        // "0 N" subsection header.
        var cursor = xrefOffset + 5
        #expect(bytes[cursor] == UInt8(ascii: "0") && bytes[cursor + 1] == UInt8(ascii: " "))
        let count = try #require(PDFBytes.integer(in: bytes, at: cursor + 2))
        cursor = try #require(PDFBytes.find("\n", in: bytes, from: cursor)) + 1
        #expect(count > 5)

        // Entries: exactly 20 bytes each, 10-digit offset, 5-digit generation, type, 2-byte EOL.
        var objectCount = 0
        for number in 0..<count {
            let entry = PDFBytes.latin1(bytes[cursor..<cursor + 20])
            cursor += 20
            #expect(entry.hasSuffix("\r\n") || entry.hasSuffix(" \n"), "entry \(number): \(entry)")
            let fields = entry.split(separator: " ")
            #expect(fields[0].count == 10 && fields[1].count == 5)
            if number == 0 {
                #expect(entry == "0000000000 65535 f\r\n")
                continue
            }
            #expect(fields[2].hasPrefix("n"))
            let offset = try #require(Int(fields[0]))
            let expected = Array("\(number) 0 obj".utf8)
            #expect(
                Array(bytes[offset..<offset + expected.count]) == expected,
                "object \(number) at \(offset): \(PDFBytes.latin1(bytes[offset..<offset + 12]))")
            objectCount += 1
        }
        #expect(objectCount == count - 1)

        // Trailer right after the table.
        #expect(Array(bytes[cursor..<cursor + 8]) == Array("trailer\n".utf8))
        let trailer = PDFBytes.latin1(bytes[cursor..<startxref])
        #expect(trailer.contains("/Size \(count)"))
        #expect(trailer.contains("/Root 1 0 R"))
        #expect(trailer.contains("/Info 3 0 R"))
        #expect(PDFBytes.latin1(bytes.suffix(6)) == "%%EOF\n")
    }

    @Test func everyObjectAppearsOnceAndEndsProperly() throws {
        let text = PDFBytes.latin1(PDFBytes.bytes(sampleDocument().data()))
        let objectCount = text.components(separatedBy: " 0 obj\n").count - 1
        #expect(text.components(separatedBy: "\nendobj\n").count - 1 == objectCount)
        #expect(text.contains("/Size \(objectCount + 1) "))
    }

    @Test func streamLengthsAreExact() throws {
        let bytes = PDFBytes.bytes(sampleDocument().data())
        var searchFrom = 0
        var streams = 0
        while let lengthAt = PDFBytes.find("<< /Length ", in: bytes, from: searchFrom) {
            let length = try #require(PDFBytes.integer(in: bytes, at: lengthAt + 11))
            let keyword = try #require(PDFBytes.find("stream\n", in: bytes, from: lengthAt))
            let dataStart = keyword + 7
            let end = Array(bytes[dataStart + length..<dataStart + length + 10])
            #expect(end == Array("\nendstream".utf8))
            searchFrom = dataStart + length
            streams += 1
        }
        #expect(streams >= 2)
    }

    @Test func catalogPagesFontsAndInfo() throws {
        let document = sampleDocument()
        let text = PDFBytes.latin1(PDFBytes.bytes(document.data()))
        #expect(document.pages.count >= 2)
        #expect(text.contains("1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Lang (fr-FR)"))
        #expect(text.contains("/Type /Pages /Kids [") && text.contains("/Count \(document.pages.count) >>"))
        #expect(text.contains("/MediaBox [0 0 595 842]"))
        #expect(text.contains("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
        #expect(
            text.contains("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"))
        #expect(text.contains("/Producer (Logis)"))
        #expect(text.contains("/CreationDate (D:20250312093000Z)"))
        // Non-ASCII title: UTF-16BE with BOM, in hex. "’" is U+2019, "é" U+00E9.
        #expect(text.contains("/Title <FEFF004100740074006500730074006100740069006F006E0020006420190065006E"))
    }

    @Test func infoStringsAreEscaped() {
        let info = PDFDocumentInfo(title: #"Logis (test) \ 1"#, author: "a)b(", creationDate: Fixtures.creationDate)
        let text = PDFBytes.latin1(PDFBytes.bytes(PDFDocument(info: info).data()))
        #expect(text.contains(#"/Title (Logis \(test\) \\ 1)"#))
        #expect(text.contains(#"/Author (a\)b\()"#))
    }

    @Test func creationDateInAnotherTimeZone() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        #expect(PDFSyntax.date(Fixtures.creationDate, timeZone: paris) == "D:20250312103000+01'00'")
        let montreal = TimeZone(identifier: "America/Montreal")!
        #expect(PDFSyntax.date(Fixtures.creationDate, timeZone: montreal) == "D:20250312053000-04'00'")
    }

    @Test func outputIsDeterministic() {
        let first = sampleDocument().data()
        let second = sampleDocument().data()
        #expect(first == second)
        #expect(
            Fixtures.attestation().document(info: PDFDocumentInfo(creationDate: Fixtures.creationDate)).data()
                == Fixtures.attestation().document(info: PDFDocumentInfo(creationDate: Fixtures.creationDate)).data())
    }

    @Test func emptyDocumentStillHasOnePage() {
        let text = PDFBytes.latin1(
            PDFBytes.bytes(PDFDocument(info: PDFDocumentInfo(creationDate: .distantPast)).data()))
        #expect(text.contains("/Count 1 >>"))
        #expect(text.contains("/Type /Page "))
    }

    @Test func contentOperators() {
        var page = PDFPage()
        page.drawText("Bonjour", x: 57, y: 700.5, font: .timesBold, size: 12, color: .rgb255(0, 85, 164))
        page.drawLine(from: PDFPoint(x: 57, y: 690), to: PDFPoint(x: 538, y: 690), lineWidth: 0.75, color: .gray(0.5))
        page.fillRectangle(PDFRect(x: 10, y: 20, width: 30, height: 40), color: .rgb(red: 1, green: 0, blue: 0))
        let text = PDFBytes.latin1(PDFBytes.bytes(PDFDocument(pages: [page]).data()))
        #expect(text.contains("q BT /F1 12 Tf 0 0.333 0.643 rg 57 700.5 Td (Bonjour) Tj ET Q\n"))
        #expect(text.contains("q 0.75 w 0.5 G 57 690 m 538 690 l S Q\n"))
        #expect(text.contains("q 1 0 0 rg 10 20 30 40 re f Q\n"))
        #expect(text.contains("/BaseFont /Times-Bold"))
        #expect(text.contains("/Font << /F1 4 0 R >>"))
    }

    @Test(arguments: [
        (1.0, "1"), (595.0, "595"), (0.5, "0.5"), (1.23456, "1.235"), (-2.5, "-2.5"), (-0.0001, "0"),
        (0.1 + 0.2, "0.3"), (Double.nan, "0"), (10.05, "10.05"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(PDFSyntax.number(value) == expected)
    }
}
