import Foundation

/// A run of text drawn on one line, starting at `origin` (the left end of the baseline).
public struct PDFTextItem: Sendable, Equatable, Hashable {
    public var text: String
    public var origin: PDFPoint
    public var font: PDFStandardFont
    public var size: Double
    public var color: PDFColor
    /// Extra space in points added to every ASCII space (PDF `Tw`), used for justified lines.
    public var wordSpacing: Double

    public init(
        _ text: String, origin: PDFPoint, font: PDFStandardFont = .helvetica, size: Double = 10,
        color: PDFColor = .black, wordSpacing: Double = 0
    ) {
        self.text = text
        self.origin = origin
        self.font = font
        self.size = size
        self.color = color
        self.wordSpacing = wordSpacing
    }

    /// The advance width of the text in points, as written (word spacing included).
    public var width: Double {
        let codes = WinAnsiEncoding.encode(text)
        let spaces = codes.lazy.filter { $0 == 0x20 }.count
        return font.width(ofCodes: codes, size: size) + Double(spaces) * wordSpacing
    }
}

/// A straight stroked line.
public struct PDFLine: Sendable, Equatable, Hashable {
    public var from: PDFPoint
    public var to: PDFPoint
    public var lineWidth: Double
    public var color: PDFColor

    public init(from: PDFPoint, to: PDFPoint, lineWidth: Double = 0.5, color: PDFColor = .black) {
        self.from = from
        self.to = to
        self.lineWidth = lineWidth
        self.color = color
    }
}

/// A filled rectangle (no outline).
public struct PDFFilledRectangle: Sendable, Equatable, Hashable {
    public var rect: PDFRect
    public var color: PDFColor

    public init(_ rect: PDFRect, color: PDFColor) {
        self.rect = rect
        self.color = color
    }
}

/// One drawing operation of a page, in PDF coordinates (origin bottom-left, y upwards, points).
public enum PDFOperation: Sendable, Equatable, Hashable {
    case text(PDFTextItem)
    case line(PDFLine)
    case filledRectangle(PDFFilledRectangle)
}

/// A page: its size and the operations drawn on it, in order (later ones paint over earlier ones).
public struct PDFPage: Sendable, Equatable, Hashable {
    public var size: PDFSize
    public var operations: [PDFOperation]

    public init(size: PDFSize = .a4, operations: [PDFOperation] = []) {
        self.size = size
        self.operations = operations
    }

    /// Draws `text` with its baseline starting at (`x`, `y`).
    public mutating func drawText(
        _ text: String, x: Double, y: Double, font: PDFStandardFont = .helvetica, size: Double = 10,
        color: PDFColor = .black
    ) {
        operations.append(.text(PDFTextItem(text, origin: PDFPoint(x: x, y: y), font: font, size: size, color: color)))
    }

    /// Strokes a line from `from` to `to`.
    public mutating func drawLine(from: PDFPoint, to: PDFPoint, lineWidth: Double = 0.5, color: PDFColor = .black) {
        operations.append(.line(PDFLine(from: from, to: to, lineWidth: lineWidth, color: color)))
    }

    /// Fills a rectangle.
    public mutating func fillRectangle(_ rect: PDFRect, color: PDFColor) {
        operations.append(.filledRectangle(PDFFilledRectangle(rect, color: color)))
    }

    /// The fonts used on this page, in order of first use.
    public var fonts: [PDFStandardFont] {
        var seen: [PDFStandardFont] = []
        for case .text(let item) in operations where !seen.contains(item.font) {
            seen.append(item.font)
        }
        return seen
    }
}

/// The document information dictionary (`/Info`).
public struct PDFDocumentInfo: Sendable, Equatable, Hashable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    /// The application that made the original content.
    public var creator: String?
    /// The software that wrote the PDF.
    public var producer: String
    public var creationDate: Date
    /// The time zone `creationDate` is written in (`D:YYYYMMDDHHmmSS+01'00'`). UTC by default, so
    /// the output does not depend on the machine's settings.
    public var timeZone: TimeZone

    public init(
        title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
        creator: String? = nil, producer: String = "Logis", creationDate: Date = Date(),
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.producer = producer
        self.creationDate = creationDate
        self.timeZone = timeZone
    }
}

/// A PDF document made of pages of drawing operations. `data()` serialises it as PDF 1.4 with
/// uncompressed content streams; the output depends only on the value (fix `info.creationDate`
/// to get byte-identical files).
public struct PDFDocument: Sendable, Equatable, Hashable {
    public var pages: [PDFPage]
    public var info: PDFDocumentInfo
    /// The natural language of the text (`/Lang` in the catalog), e.g. "fr-FR"; `nil` to omit it.
    public var language: String?

    public init(pages: [PDFPage] = [], info: PDFDocumentInfo = PDFDocumentInfo(), language: String? = "fr-FR") {
        self.pages = pages
        self.info = info
        self.language = language
    }

    /// Appends a page and returns its index.
    @discardableResult
    public mutating func addPage(_ page: PDFPage = PDFPage()) -> Int {
        pages.append(page)
        return pages.count - 1
    }

    /// The PDF file. A document without pages is written with one blank A4 page (a PDF needs one).
    public func data() -> Data {
        PDFWriter(document: self).write()
    }
}
