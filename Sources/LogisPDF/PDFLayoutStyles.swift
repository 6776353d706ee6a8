import Foundation

/// Font, size, colour and spacing of one kind of text.
public struct PDFTextStyle: Sendable, Equatable, Hashable {
    public var font: PDFStandardFont
    public var size: Double
    /// Distance between baselines, as a multiple of `size`.
    public var lineSpacing: Double
    public var color: PDFColor
    /// Space above the block, in points (not added at the top of a page).
    public var spaceBefore: Double
    /// Space below the block, in points.
    public var spaceAfter: Double

    public init(
        font: PDFStandardFont = .helvetica, size: Double = 10, lineSpacing: Double = 1.35, color: PDFColor = .black,
        spaceBefore: Double = 0, spaceAfter: Double = 0
    ) {
        self.font = font
        self.size = size
        self.lineSpacing = lineSpacing
        self.color = color
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }

    /// Distance between baselines in points.
    public var lineHeight: Double { size * lineSpacing }
}

/// The styles a `PDFLayout` uses for each kind of block.
public struct PDFLayoutStyles: Sendable, Equatable, Hashable {
    public var title: PDFTextStyle
    public var heading: PDFTextStyle
    public var body: PDFTextStyle
    /// Keys are set in `body.font.bold`, values in `body.font`, both at `body.size`.
    public var keyValue: PDFTextStyle
    public var list: PDFTextStyle
    /// Written after each key, before the value. Default " :" ("NUD : 030112600001FSPCV"); its
    /// spaces never break, so a wrapped key keeps the colon on its last line.
    public var keyValueSeparator: String
    /// The list marker; default "•".
    public var bullet: String
    /// Distance from the left margin to the text of a list item (the marker sits at the margin).
    public var listIndent: Double

    public init(
        title: PDFTextStyle, heading: PDFTextStyle, body: PDFTextStyle, keyValue: PDFTextStyle,
        list: PDFTextStyle, keyValueSeparator: String = " :", bullet: String = "\u{2022}",
        listIndent: Double = 14
    ) {
        self.title = title
        self.heading = heading
        self.body = body
        self.keyValue = keyValue
        self.list = list
        self.keyValueSeparator = keyValueSeparator
        self.bullet = bullet
        self.listIndent = listIndent
    }

    /// Helvetica: title 16 pt bold, headings 12 pt bold, body 10 pt.
    public static let standard = PDFLayoutStyles(
        title: PDFTextStyle(font: .helveticaBold, size: 16, lineSpacing: 1.25, spaceAfter: 14),
        heading: PDFTextStyle(font: .helveticaBold, size: 12, lineSpacing: 1.25, spaceBefore: 8, spaceAfter: 6),
        body: PDFTextStyle(font: .helvetica, size: 10, lineSpacing: 1.4, spaceAfter: 8),
        keyValue: PDFTextStyle(font: .helvetica, size: 10, lineSpacing: 1.4, spaceAfter: 8),
        list: PDFTextStyle(font: .helvetica, size: 10, lineSpacing: 1.4, spaceAfter: 8)
    )
}

/// The footer drawn at the bottom of every page: a small text on the left (wrapped) and the page
/// number on the right, under a thin rule. The body never runs into it.
public struct PDFFooter: Sendable, Equatable, Hashable {
    public var text: String?
    /// "{page}" and "{pages}" are replaced by the page number and the page count; `nil` for none.
    public var pageNumberFormat: String?
    public var style: PDFTextStyle
    public var showsRule: Bool
    /// Height of the baseline of the footer's last line above the bottom edge of the page.
    public var baselineFromBottom: Double

    public init(
        text: String? = nil, pageNumberFormat: String? = "Page {page} / {pages}",
        style: PDFTextStyle = PDFTextStyle(font: .helvetica, size: 8, lineSpacing: 1.3, color: .gray(0.35)),
        showsRule: Bool = true, baselineFromBottom: Double = 28
    ) {
        self.text = text
        self.pageNumberFormat = pageNumberFormat
        self.style = style
        self.showsRule = showsRule
        self.baselineFromBottom = baselineFromBottom
    }

    func pageNumber(_ page: Int, of pages: Int) -> String? {
        pageNumberFormat?.replacingOccurrences(of: "{page}", with: String(page))
            .replacingOccurrences(of: "{pages}", with: String(pages))
    }
}
