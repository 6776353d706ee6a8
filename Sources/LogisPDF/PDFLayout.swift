import Foundation

/// How the lines of a paragraph sit between the margins.
public enum PDFTextAlignment: Sendable, Equatable, Hashable {
    case left, center, right
    /// Both edges straight (extra space spread over the ASCII spaces, PDF `Tw`); the last line of a
    /// paragraph and lines before a forced break stay left-aligned.
    case justified
}

/// Flows blocks of text down the pages: titles, headings, paragraphs (word-wrapped with the real
/// glyph widths, optionally justified or with bold/italic runs), key/value rows, bulleted lists,
/// rules; starts a new page when the next line would cross the bottom margin (or the footer), then
/// `document(info:)` stamps the footer ("Page 1 / 2") on every page.
///
/// Coordinates are PDF points with the origin at the bottom-left corner; `cursorY` is the top of the
/// free space on the current page and moves down as blocks are added.
///
/// A paragraph split across pages leaves at least two lines on each (no widow, no orphan); a title or
/// heading moves to the next page rather than end a page. Not handled: hyphenation, kerning, images,
/// tables beyond two-column key/value rows; lists and key/value rows break between any two lines.
public struct PDFLayout: Sendable, Equatable, Hashable {
    public let pageSize: PDFSize
    public let margins: PDFMargins
    public var styles: PDFLayoutStyles
    public let footer: PDFFooter?

    /// The pages laid out so far, without footers.
    public private(set) var pages: [PDFPage]
    /// The top of the free space on the last page.
    public private(set) var cursorY: Double
    /// The lowest y a line of body text may reach: the bottom margin, raised above the footer if needed.
    public let bottomLimit: Double

    private let footerLines: [String]

    public init(
        pageSize: PDFSize = .a4, margins: PDFMargins = .standard, styles: PDFLayoutStyles = .standard,
        footer: PDFFooter? = PDFFooter()
    ) {
        self.pageSize = pageSize
        self.margins = margins
        self.styles = styles
        self.footer = footer
        self.pages = [PDFPage(size: pageSize)]
        self.cursorY = pageSize.height - margins.top
        let contentWidth = pageSize.width - margins.left - margins.right
        var bottom = margins.bottom
        var lines: [String] = []
        if let footer {
            let style = footer.style
            let reserve = footer.pageNumber(999, of: 999).map { style.font.width(of: $0, size: style.size) + 12 } ?? 0
            if let text = footer.text {
                lines = PDFTextWrapper.wrap(text, font: style.font, size: style.size, width: contentWidth - reserve)
            }
            let blockTop = footer.baselineFromBottom + Double(max(lines.count, 1) - 1) * style.lineHeight + style.size
            bottom = max(bottom, blockTop + (footer.showsRule ? 4 : 0) + 10)
        }
        self.footerLines = lines
        self.bottomLimit = bottom
    }

    /// Width between the left and right margins.
    public var contentWidth: Double { pageSize.width - margins.left - margins.right }

    /// Number of pages so far.
    public var pageCount: Int { pages.count }

    /// Height left on the current page above `bottomLimit`.
    public var remainingHeight: Double { cursorY - bottomLimit }

    private var pageTop: Double { pageSize.height - margins.top }
    private var atTopOfPage: Bool { cursorY >= pageTop }

    // MARK: Blocks

    /// The document title (bold, larger).
    public mutating func title(_ text: String, alignment: PDFTextAlignment = .left) {
        block([PDFTextRun(text)], style: styles.title, alignment: alignment, keepWithNext: true)
    }

    /// A section heading; moved to the next page if it would end up alone at the bottom.
    public mutating func heading(_ text: String, alignment: PDFTextAlignment = .left) {
        block([PDFTextRun(text)], style: styles.heading, alignment: alignment, keepWithNext: true)
    }

    /// A paragraph of body text ("\n" forces a line break).
    public mutating func paragraph(_ text: String, alignment: PDFTextAlignment = .left, style: PDFTextStyle? = nil) {
        block([PDFTextRun(text)], style: style ?? styles.body, alignment: alignment, keepWithNext: false)
    }

    /// A paragraph mixing regular, bold and italic runs (emphasis relative to the style's font).
    public mutating func paragraph(
        _ runs: [PDFTextRun], alignment: PDFTextAlignment = .left, style: PDFTextStyle? = nil
    ) {
        block(runs, style: style ?? styles.body, alignment: alignment, keepWithNext: false)
    }

    /// Key/value rows: the key (bold, followed by the separator, e.g. "NUD :") and its value.
    /// By default each value follows its own key ("NUD : 030112600001FSPCV"); with `aligned` every
    /// value starts in the same column, just right of the widest key (neater, but `pdftotext` without
    /// `-layout` then reads keys and values as separate columns). Either way a long value wraps under
    /// itself and the key column is at most 45 % of the width (longer keys wrap).
    public mutating func keyValues(_ rows: [(key: String, value: String)], aligned: Bool = false) {
        let style = styles.keyValue
        let keyFont = style.font.bold
        let gap = style.font.width(of: " ", size: style.size)
        let maxColumn = contentWidth * 0.45
        // The separator's spaces are made unbreakable for measuring and wrapping, then written as
        // plain spaces again (same width in every font) so that text extraction finds "NUD : …".
        let separator = styles.keyValueSeparator
        let gluedSeparator = separator.replacingOccurrences(of: " ", with: "\u{00A0}")
        let separatorSpaces = separator.unicodeScalars.filter { $0 == " " }.count
        let keyTexts = rows.map { $0.key + gluedSeparator }
        let keyWidths = keyTexts.map { keyFont.width(of: $0, size: style.size) + gap }
        let commonColumn = min(maxColumn, keyWidths.max() ?? 0)
        addSpaceBefore(style.spaceBefore)
        for (index, row) in rows.enumerated() {
            let column = aligned ? commonColumn : min(maxColumn, keyWidths[index])
            var keyLines = PDFTextWrapper.lines(
                for: [PDFTextRun(keyTexts[index])], baseFont: keyFont, size: style.size, width: column - gap)
            keyLines[keyLines.count - 1].restoreTrailingSpaces(separatorSpaces)
            let valueLines = PDFTextWrapper.lines(
                for: [PDFTextRun(row.value)], baseFont: style.font, size: style.size, width: contentWidth - column)
            for lineIndex in 0..<max(keyLines.count, valueLines.count) {
                let baseline = nextBaseline(style: style)
                if lineIndex < keyLines.count {
                    draw(keyLines[lineIndex], x: margins.left, baseline: baseline, style: style)
                }
                if lineIndex < valueLines.count {
                    draw(valueLines[lineIndex], x: margins.left + column, baseline: baseline, style: style)
                }
            }
            if index < rows.count - 1 { cursorY -= style.size * 0.2 }
        }
        cursorY -= style.spaceAfter
    }

    /// One key/value row, "NUD : 030112600001FSPCV" (value right after the key).
    public mutating func keyValue(_ key: String, _ value: String) {
        keyValues([(key: key, value: value)], aligned: false)
    }

    /// A bulleted list; each item wraps under its own first word.
    public mutating func bulletList(_ items: [String]) {
        bulletList(items.map { [PDFTextRun($0)] })
    }

    /// A bulleted list whose items mix regular, bold and italic runs.
    public mutating func bulletList(_ items: [[PDFTextRun]]) {
        let style = styles.list
        let indent = styles.listIndent
        addSpaceBefore(style.spaceBefore)
        for (index, item) in items.enumerated() {
            let lines = PDFTextWrapper.lines(
                for: item, baseFont: style.font, size: style.size, width: contentWidth - indent)
            for (lineIndex, line) in lines.enumerated() {
                let baseline = nextBaseline(style: style)
                if lineIndex == 0 {
                    append(
                        .text(
                            PDFTextItem(
                                styles.bullet, origin: PDFPoint(x: margins.left + indent * 0.2, y: baseline),
                                font: style.font, size: style.size, color: style.color)))
                }
                draw(line, x: margins.left + indent, baseline: baseline, style: style)
            }
            if index < items.count - 1 { cursorY -= style.size * 0.2 }
        }
        cursorY -= style.spaceAfter
    }

    /// A horizontal line across the content width, with `spacing` points above and below it.
    public mutating func rule(lineWidth: Double = 0.5, color: PDFColor = .gray(0.6), spacing: Double = 6) {
        if cursorY - 2 * spacing - lineWidth < bottomLimit { newPage() }
        let y = cursorY - spacing - lineWidth / 2
        append(
            .line(
                PDFLine(
                    from: PDFPoint(x: margins.left, y: y), to: PDFPoint(x: pageSize.width - margins.right, y: y),
                    lineWidth: lineWidth, color: color)))
        cursorY -= 2 * spacing + lineWidth
    }

    /// Vertical space (does not carry over to the next page).
    public mutating func space(_ points: Double) {
        cursorY = max(bottomLimit, cursorY - points)
    }

    /// Starts a new page unless `height` points are still free on this one (to keep a block
    /// together, e.g. a signature).
    public mutating func ensureSpace(_ height: Double) {
        if remainingHeight < height, !atTopOfPage { newPage() }
    }

    /// Starts a new page (the current one is kept even if empty).
    public mutating func pageBreak() {
        newPage()
    }

    /// Adds a free-form operation to the current page (PDF coordinates; `cursorY` is not moved).
    public mutating func draw(_ operation: PDFOperation) {
        append(operation)
    }

    // MARK: Output

    /// The pages with their footers, ready to write.
    public func pagesWithFooters() -> [PDFPage] {
        guard let footer else { return pages }
        let style = footer.style
        let right = pageSize.width - margins.right
        let lastBaseline = footer.baselineFromBottom
        let lineCount = max(footerLines.count, 1)
        let firstBaseline = lastBaseline + Double(lineCount - 1) * style.lineHeight
        return pages.enumerated().map { index, page in
            var page = page
            if footer.showsRule {
                let y = firstBaseline + style.size + 4
                page.drawLine(
                    from: PDFPoint(x: margins.left, y: y), to: PDFPoint(x: right, y: y), lineWidth: 0.4,
                    color: .gray(0.7))
            }
            for (lineIndex, line) in footerLines.enumerated() {
                let y = firstBaseline - Double(lineIndex) * style.lineHeight
                page.drawText(line, x: margins.left, y: y, font: style.font, size: style.size, color: style.color)
            }
            if let number = footer.pageNumber(index + 1, of: pages.count) {
                let width = style.font.width(of: number, size: style.size)
                page.drawText(
                    number, x: right - width, y: lastBaseline, font: style.font, size: style.size, color: style.color)
            }
            return page
        }
    }

    /// The finished document (footers included).
    public func document(info: PDFDocumentInfo, language: String? = "fr-FR") -> PDFDocument {
        PDFDocument(pages: pagesWithFooters(), info: info, language: language)
    }

    // MARK: Internals

    private mutating func block(
        _ runs: [PDFTextRun], style: PDFTextStyle, alignment: PDFTextAlignment, keepWithNext: Bool
    ) {
        let lines = PDFTextWrapper.lines(for: runs, baseFont: style.font, size: style.size, width: contentWidth)
        if keepWithNext {
            // The block, its space after and two lines of body text must fit, or it goes to the next page.
            let needed =
                style.spaceBefore + Double(lines.count) * style.lineHeight + style.spaceAfter + 2
                * styles.body.lineHeight
            if remainingHeight < needed, !atTopOfPage { newPage() }
        }
        addSpaceBefore(style.spaceBefore)
        let breakBefore = keepTogetherBreak(lineCount: lines.count, lineHeight: style.lineHeight)
        for (index, line) in lines.enumerated() {
            if index == breakBefore, !atTopOfPage { newPage() }
            let baseline = nextBaseline(style: style)
            var x = margins.left
            var wordSpacing = 0.0
            switch alignment {
            case .left: break
            case .center: x += (contentWidth - line.width) / 2
            case .right: x += contentWidth - line.width
            case .justified:
                if !line.endsParagraph, line.spaceCount > 0 {
                    wordSpacing = max(0, contentWidth - line.width) / Double(line.spaceCount)
                }
            }
            draw(line, x: x, baseline: baseline, style: style, wordSpacing: wordSpacing)
        }
        cursorY -= style.spaceAfter
    }

    /// Where a paragraph of `lineCount` lines starting at the cursor must go to the next page so that
    /// neither page holds a single line of it (no orphan, no widow); `nil` when no early break is needed.
    private func keepTogetherBreak(lineCount: Int, lineHeight: Double) -> Int? {
        guard lineCount >= 2, !atTopOfPage else { return nil }
        let fitting = Int(((remainingHeight + 1e-9) / lineHeight).rounded(.down))
        guard fitting < lineCount else { return nil }
        if fitting < 2 { return 0 }
        if lineCount - fitting == 1 { return fitting - 1 >= 2 ? fitting - 1 : 0 }
        return nil
    }

    private mutating func addSpaceBefore(_ points: Double) {
        if !atTopOfPage { space(points) }
    }

    /// Reserves one line of `style` (moving to a new page if it does not fit) and returns its baseline.
    private mutating func nextBaseline(style: PDFTextStyle) -> Double {
        let height = style.lineHeight
        if cursorY - height < bottomLimit - 1e-9, !atTopOfPage { newPage() }
        let top = cursorY
        cursorY -= height
        // Centre the glyphs' ascender (0.718 em) to descender (0.207 em) span in the line box.
        let halfLeading = (height - 0.925 * style.size) / 2
        return top - halfLeading - 0.718 * style.size
    }

    private mutating func draw(
        _ line: PDFTextWrapper.WrappedLine, x: Double, baseline: Double, style: PDFTextStyle, wordSpacing: Double = 0
    ) {
        var x = x
        for segment in line.segments {
            let spaces = segment.glyphs.lazy.filter { $0.code == 0x20 }.count
            append(
                .text(
                    PDFTextItem(
                        segment.text, origin: PDFPoint(x: x, y: baseline), font: segment.font, size: style.size,
                        color: style.color, wordSpacing: spaces > 0 ? wordSpacing : 0)))
            x += segment.width(size: style.size) + Double(spaces) * wordSpacing
        }
    }

    private mutating func append(_ operation: PDFOperation) {
        pages[pages.count - 1].operations.append(operation)
    }

    private mutating func newPage() {
        pages.append(PDFPage(size: pageSize))
        cursorY = pageTop
    }
}
