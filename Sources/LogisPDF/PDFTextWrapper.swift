/// A piece of a paragraph with its own emphasis, e.g. the bold request number inside a sentence.
/// The emphasis is resolved against the font of the paragraph's style (`.bold` of Helvetica is
/// Helvetica-Bold, of Times-Roman is Times-Bold…).
public struct PDFTextRun: Sendable, Equatable, Hashable {
    public enum Emphasis: Sendable, Equatable, Hashable {
        case regular, bold, italic, boldItalic
    }

    public var text: String
    public var emphasis: Emphasis

    public init(_ text: String, emphasis: Emphasis = .regular) {
        self.text = text
        self.emphasis = emphasis
    }

    public static func regular(_ text: String) -> PDFTextRun { PDFTextRun(text) }
    public static func bold(_ text: String) -> PDFTextRun { PDFTextRun(text, emphasis: .bold) }
    public static func italic(_ text: String) -> PDFTextRun { PDFTextRun(text, emphasis: .italic) }

    func font(base: PDFStandardFont) -> PDFStandardFont {
        switch emphasis {
        case .regular: base
        case .bold: base.bold
        case .italic: base.italic
        case .boldItalic: base.bold.italic
        }
    }
}

/// Greedy word wrapping with the fonts' glyph widths.
///
/// Rules: lines break at ASCII spaces (U+0020, and tabs); runs of spaces collapse to one; spaces at
/// the start and end of a line are dropped; "\n" (also "\r\n", "\r", U+2028) forces a line break;
/// no-break spaces (U+00A0, U+202F) never break. A word wider than the line is cut between
/// characters. There is no hyphenation.
public enum PDFTextWrapper {
    /// The lines of `text` set in one font, each at most `width` points wide.
    public static func wrap(_ text: String, font: PDFStandardFont, size: Double, width: Double) -> [String] {
        lines(for: [PDFTextRun(text)], baseFont: font, size: size, width: width).map(\.text)
    }

    /// The lines of a paragraph of runs, each at most `width` points wide (except that a single
    /// character wider than `width` still takes a line of its own).
    static func lines(
        for runs: [PDFTextRun], baseFont: PDFStandardFont, size: Double, width: Double
    ) -> [WrappedLine] {
        var result: [WrappedLine] = []
        for group in hardLines(runs: runs, baseFont: baseFont) {
            var groupLines = wrapGroup(group, size: size, width: width)
            groupLines[groupLines.count - 1].endsParagraph = true
            result += groupLines
        }
        return result
    }

    /// One glyph: the Unicode scalar (kept so lines can be given back as strings) and its WinAnsi code.
    struct Glyph: Equatable {
        var scalar: Unicode.Scalar
        var code: UInt8
    }

    /// Consecutive glyphs in one font.
    struct Segment: Equatable {
        var font: PDFStandardFont
        var glyphs: [Glyph]

        func width(size: Double) -> Double { font.width(ofCodes: glyphs.lazy.map(\.code), size: size) }
        var text: String { String(String.UnicodeScalarView(glyphs.map(\.scalar))) }
    }

    /// A word (no breakable space inside), possibly mixing fonts, with the font of the space before it.
    struct Word {
        var spaceFont: PDFStandardFont?
        var segments: [Segment]

        func width(size: Double) -> Double { segments.reduce(0) { $0 + $1.width(size: size) } }
    }

    /// A finished line: segments of one font each (spaces included), natural width, space count.
    struct WrappedLine: Equatable {
        var segments: [Segment]
        var width: Double
        var spaceCount: Int
        /// Last line of a paragraph or before a forced break: never justified.
        var endsParagraph = false

        var text: String { segments.map(\.text).joined() }

        /// Turns the last `count` no-break spaces of the line back into ordinary spaces.
        mutating func restoreTrailingSpaces(_ count: Int) {
            var remaining = count
            for segmentIndex in segments.indices.reversed() where remaining > 0 {
                for glyphIndex in segments[segmentIndex].glyphs.indices.reversed() where remaining > 0 {
                    if segments[segmentIndex].glyphs[glyphIndex].code == 0xA0 {
                        segments[segmentIndex].glyphs[glyphIndex] = Glyph(scalar: " ", code: 0x20)
                        remaining -= 1
                    }
                }
            }
        }
    }

    /// Splits the runs into words, grouped by forced line breaks.
    static func hardLines(runs: [PDFTextRun], baseFont: PDFStandardFont) -> [[Word]] {
        var groups: [[Word]] = [[]]
        var current: [Segment] = []
        var pendingSpace: PDFStandardFont?
        func flushWord() {
            guard !current.isEmpty else { return }
            groups[groups.count - 1].append(Word(spaceFont: pendingSpace, segments: current))
            current = []
            pendingSpace = nil
        }
        for run in runs {
            let font = run.font(base: baseFont)
            var previousWasCR = false
            for scalar in WinAnsiEncoding.normalizedScalars(run.text) {
                defer { previousWasCR = scalar == "\r" }
                switch scalar {
                case "\n" where previousWasCR:
                    continue
                case "\n", "\r", "\u{2028}", "\u{2029}":
                    flushWord()
                    pendingSpace = nil
                    groups.append([])
                case " ", "\t":
                    flushWord()
                    if !groups[groups.count - 1].isEmpty, pendingSpace == nil { pendingSpace = font }
                default:
                    let glyph = Glyph(scalar: scalar, code: WinAnsiEncoding.byte(for: scalar) ?? 0x3F)
                    if current.last?.font == font {
                        current[current.count - 1].glyphs.append(glyph)
                    } else {
                        current.append(Segment(font: font, glyphs: [glyph]))
                    }
                }
            }
        }
        flushWord()
        return groups
    }

    private static func wrapGroup(_ words: [Word], size: Double, width: Double) -> [WrappedLine] {
        let tolerance = 1e-9
        var lines: [WrappedLine] = []
        var line: [Word] = []
        var lineWidth = 0.0

        func flush() {
            lines.append(makeLine(line, size: size))
            line = []
            lineWidth = 0
        }
        func startLine(with word: Word) {
            var word = word
            word.spaceFont = nil
            while word.width(size: size) > width + tolerance, let pieces = cut(word, size: size, width: width) {
                line = [pieces.head]
                flush()
                word = pieces.tail
            }
            line = [word]
            lineWidth = word.width(size: size)
        }

        for word in words {
            if line.isEmpty {
                startLine(with: word)
                continue
            }
            let space = (word.spaceFont ?? .helvetica).width(ofCode: 0x20)
            let needed = lineWidth + Double(space) * size / 1000 + word.width(size: size)
            if needed <= width + tolerance {
                line.append(word)
                lineWidth = needed
            } else {
                flush()
                startLine(with: word)
            }
        }
        if !line.isEmpty || lines.isEmpty { flush() }
        return lines
    }

    /// Cuts a word after as many glyphs as fit in `width` (at least one); `nil` if it has a single glyph.
    private static func cut(_ word: Word, size: Double, width: Double) -> (head: Word, tail: Word)? {
        let glyphs = word.segments.flatMap { segment in segment.glyphs.map { (segment.font, $0) } }
        guard glyphs.count > 1 else { return nil }
        var used = 0.0
        var count = 0
        for (font, glyph) in glyphs {
            let advance = Double(font.width(ofCode: glyph.code)) * size / 1000
            if count > 0, used + advance > width + 1e-9 { break }
            used += advance
            count += 1
        }
        guard count < glyphs.count else { return nil }
        func rebuild(_ part: ArraySlice<(PDFStandardFont, Glyph)>) -> Word {
            var segments: [Segment] = []
            for (font, glyph) in part {
                if segments.last?.font == font {
                    segments[segments.count - 1].glyphs.append(glyph)
                } else {
                    segments.append(Segment(font: font, glyphs: [glyph]))
                }
            }
            return Word(spaceFont: nil, segments: segments)
        }
        return (rebuild(glyphs[..<count]), rebuild(glyphs[count...]))
    }

    private static func makeLine(_ words: [Word], size: Double) -> WrappedLine {
        var segments: [Segment] = []
        var spaces = 0
        func add(_ segment: Segment) {
            if segments.last?.font == segment.font {
                segments[segments.count - 1].glyphs += segment.glyphs
            } else {
                segments.append(segment)
            }
        }
        for (index, word) in words.enumerated() {
            if index > 0 {
                add(Segment(font: word.spaceFont ?? .helvetica, glyphs: [Glyph(scalar: " ", code: 0x20)]))
                spaces += 1
            }
            word.segments.forEach(add)
        }
        let width = segments.reduce(0) { $0 + $1.width(size: size) }
        return WrappedLine(segments: segments, width: width, spaceCount: spaces)
    }
}
