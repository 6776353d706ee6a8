import Foundation
import Testing

@testable import LogisPDF

@Suite("Metrics, wrapping and layout")
struct PDFLayoutTests {
    // MARK: Metrics

    @Test func helveticaWidthsFromTheAFM() {
        // H e l l o = 722 + 556 + 222 + 222 + 556.
        #expect(PDFStandardFont.helvetica.width(of: "Hello", size: 10) == 22.78)
        #expect(PDFStandardFont.helveticaBold.width(of: "Hello", size: 10) == 24.45)
        #expect(PDFStandardFont.helvetica.width(ofCode: 0x20) == 278)
        #expect(PDFStandardFont.helvetica.width(ofCode: UInt8(ascii: "W")) == 944)
        #expect(PDFStandardFont.helvetica.width(ofCode: UInt8(ascii: "i")) == 222)
        #expect(PDFStandardFont.helveticaBold.width(ofCode: UInt8(ascii: "i")) == 278)
        #expect(PDFStandardFont.helvetica.width(of: "é€’œ—", size: 1000) == 556 + 556 + 222 + 944 + 1000)
        #expect(PDFStandardFont.helveticaBold.width(of: "é€’œ—", size: 1000) == 556 + 556 + 278 + 944 + 1000)
        #expect(PDFStandardFont.helvetica.width(of: "@", size: 1000) == 1015)
        #expect(PDFStandardFont.helveticaBold.width(of: "@", size: 1000) == 975)
        #expect(
            PDFStandardFont.helveticaOblique.width(of: "Logis", size: 12)
                == PDFStandardFont.helvetica.width(
                    of: "Logis", size: 12))
        #expect(PDFStandardFont.courier.width(of: "iW é", size: 10) == 24)
        #expect(FontMetrics.helvetica.count == 224 && FontMetrics.helveticaBold.count == 224)
    }

    @Test func fontFamilies() {
        #expect(PDFStandardFont.helvetica.bold == .helveticaBold)
        #expect(PDFStandardFont.helvetica.italic == .helveticaOblique)
        #expect(PDFStandardFont.helveticaBold.italic == .helveticaBoldOblique)
        #expect(PDFStandardFont.timesRoman.bold == .timesBold)
        #expect(PDFStandardFont.courierOblique.bold == .courierBoldOblique)
        #expect(!PDFStandardFont.timesRoman.hasExactMetrics && PDFStandardFont.helvetica.hasExactMetrics)
    }

    // MARK: Wrapping

    @Test(arguments: [PDFStandardFont.helvetica, .helveticaBold, .courier], [120.0, 200.0, 481.0])
    func longParagraphWrapsWithinWidth(font: PDFStandardFont, width: Double) {
        let lines = PDFTextWrapper.wrap(Fixtures.lorem, font: font, size: 10, width: width)
        #expect(lines.count > 2)
        for line in lines {
            #expect(font.width(of: line, size: 10) <= width + 1e-9, "\(line)")
            #expect(!line.hasPrefix(" ") && !line.hasSuffix(" "))
        }
        // Nothing lost or reordered; lines are filled greedily (the next word would not have fitted).
        #expect(lines.joined(separator: " ") == Fixtures.lorem)
        for (line, next) in zip(lines, lines.dropFirst()) {
            let firstWord = String(next.split(separator: " ").first!)
            #expect(font.width(of: line + " " + firstWord, size: 10) > width)
        }
    }

    @Test func overlongWordIsCutBetweenCharacters() {
        let word = String(repeating: "030112600001FSPCV", count: 4)
        let lines = PDFTextWrapper.wrap("NUD " + word + " fin", font: .helvetica, size: 10, width: 100)
        #expect(lines.first == "NUD")
        let rest = lines.dropFirst().joined()
        #expect(rest == word + " fin" || rest == word + "fin")
        #expect(lines.count > 3)
        for line in lines { #expect(PDFStandardFont.helvetica.width(of: line, size: 10) <= 100) }
    }

    @Test func noBreakSpacesAndForcedBreaks() {
        let text = "délai\u{00A0}: 1\u{00A0}mois, 15\u{202F}€"
        let narrow = PDFStandardFont.helvetica.width(of: "délai\u{00A0}: 1\u{00A0}mois,", size: 10) + 1
        let lines = PDFTextWrapper.wrap(text, font: .helvetica, size: 10, width: narrow)
        #expect(lines == ["délai\u{00A0}: 1\u{00A0}mois,", "15\u{202F}€"])
        #expect(
            PDFTextWrapper.wrap("a\nb\r\nc\n\nd", font: .helvetica, size: 10, width: 500) == ["a", "b", "c", "", "d"])
        #expect(PDFTextWrapper.wrap("  a   b  ", font: .helvetica, size: 10, width: 500) == ["a b"])
        #expect(PDFTextWrapper.wrap("", font: .helvetica, size: 10, width: 500) == [""])
    }

    @Test func mixedRunsAreMeasuredInTheirOwnFonts() {
        let runs: [PDFTextRun] = [
            .regular("Votre demande n°\u{00A0}"), .bold("030112600001FSPCV"), .regular(" est active."),
        ]
        let lines = PDFTextWrapper.lines(for: runs, baseFont: .helvetica, size: 10, width: 1000)
        #expect(lines.count == 1)
        let segments = lines[0].segments
        #expect(segments.map(\.font) == [.helvetica, .helveticaBold, .helvetica])
        #expect(segments.map(\.text) == ["Votre demande n°\u{00A0}", "030112600001FSPCV", " est active."])
        let expected =
            PDFStandardFont.helvetica.width(of: "Votre demande n°\u{00A0} est active.", size: 10)
            + PDFStandardFont.helveticaBold.width(of: "030112600001FSPCV", size: 10)
        #expect(abs(lines[0].width - expected) < 1e-9)
    }

    // MARK: Layout

    private func textItems(_ page: PDFPage) -> [PDFTextItem] {
        page.operations.compactMap { if case .text(let item) = $0 { item } else { nil } }
    }

    @Test func layoutKeepsTextInsideTheMarginsAndAboveTheFooter() {
        var layout = Fixtures.attestation(paragraphs: 8)
        layout.paragraph(Fixtures.lorem, alignment: .right)
        layout.paragraph(Fixtures.lorem, alignment: .center)
        #expect(layout.pageCount >= 2)
        let left = layout.margins.left
        let right = layout.pageSize.width - layout.margins.right
        for page in layout.pages {
            for item in textItems(page) {
                #expect(item.origin.x >= left - 1e-9)
                #expect(item.origin.x + item.width <= right + 1e-6, "\(item.text)")
                #expect(item.origin.y >= layout.bottomLimit - 1e-9)
                #expect(item.origin.y <= layout.pageSize.height - layout.margins.top)
            }
        }
    }

    @Test func justifiedLinesReachTheRightMargin() throws {
        var layout = PDFLayout()
        layout.paragraph(Fixtures.lorem, alignment: .justified)
        let items = textItems(layout.pages[0])
        let lines = Dictionary(grouping: items, by: \.origin.y).sorted { $0.key > $1.key }
        #expect(lines.count > 3)
        let right = layout.pageSize.width - layout.margins.right
        for (index, line) in lines.enumerated() {
            let end = line.value.map { $0.origin.x + $0.width }.max()!
            if index < lines.count - 1 {
                #expect(abs(end - right) < 1e-6)
            } else {
                #expect(end < right)
                #expect(line.value.allSatisfy { $0.wordSpacing == 0 })
            }
        }
    }

    @Test func longDocumentFlowsOntoASecondPageWithPageNumbers() throws {
        var layout = PDFLayout(footer: PDFFooter(text: "Logis — attestation d’enregistrement"))
        layout.title("Attestation d’enregistrement")
        for _ in 0..<12 { layout.paragraph(Fixtures.lorem) }
        #expect(layout.pageCount == 2)
        let pages = layout.pagesWithFooters()
        #expect(textItems(pages[0]).contains { $0.text == "Page 1 / 2" })
        #expect(textItems(pages[1]).contains { $0.text == "Page 2 / 2" })
        #expect(textItems(pages[1]).contains { $0.text == "Logis — attestation d’enregistrement" })
        // The page number is right-aligned on the right margin.
        let number = try #require(textItems(pages[1]).first { $0.text == "Page 2 / 2" })
        #expect(abs(number.origin.x + number.width - (layout.pageSize.width - layout.margins.right)) < 1e-9)
        // The first page is filled down to the bottom before the second is started.
        let lowest = textItems(layout.pages[0]).map(\.origin.y).min()!
        #expect(lowest - layout.bottomLimit < 3 * layout.styles.body.lineHeight)
        // The second page starts at the top.
        let highest = textItems(layout.pages[1]).map(\.origin.y).max()!
        #expect(highest > layout.pageSize.height - layout.margins.top - layout.styles.body.lineHeight)
    }

    @Test func headingIsNotLeftAloneAtTheBottomOfAPage() {
        var layout = PDFLayout()
        while layout.remainingHeight > 40 { layout.paragraph("Ligne") }
        #expect(layout.pageCount == 1)
        layout.heading("Pièces justificatives")
        #expect(layout.pageCount == 2)
        #expect(textItems(layout.pages[1]).first?.text == "Pièces justificatives")
    }

    @Test func keyValueRows() throws {
        var layout = PDFLayout()
        layout.keyValues(
            [(key: "NUD", value: "030112600001FSPCV"), (key: "Date de dépôt", value: "12 mars 2025")], aligned: true)
        layout.keyValue("Commune", "Vauvert")
        let items = textItems(layout.pages[0])
        #expect(
            items.map(\.text) == [
                "NUD :", "030112600001FSPCV", "Date de dépôt :", "12 mars 2025", "Commune :",
                "Vauvert",
            ])
        #expect(items[0].font == .helveticaBold && items[1].font == .helvetica)
        // Aligned: both values start in the same column, right of the widest key.
        #expect(items[1].origin.x == items[3].origin.x)
        #expect(items[1].origin.x > items[2].origin.x + items[2].width)
        #expect(items[0].origin.y == items[1].origin.y)
        // Inline: the value follows its key after one space.
        let space = PDFStandardFont.helvetica.width(of: " ", size: 10)
        #expect(abs(items[5].origin.x - (items[4].origin.x + items[4].width + space)) < 1e-9)
    }

    @Test func longKeysWrapWithTheirColonAndLongValuesWrapUnderThemselves() {
        var layout = PDFLayout()
        let key = "Communes souhaitées par le demandeur, par ordre de préférence décroissante"
        let value = "Vauvert, Nîmes, Aigues-Mortes, Le Grau-du-Roi, Saint-Gilles, Beaucaire, Bellegarde, Générac"
        layout.keyValues([(key: key, value: value)])
        let items = textItems(layout.pages[0])
        let keys = items.filter { $0.font == .helveticaBold }
        let values = items.filter { $0.font == .helvetica }
        #expect(keys.count >= 2 && values.count >= 2)
        #expect(keys.map(\.text).joined(separator: " ") == key + " :")
        #expect(keys.last!.text.hasSuffix(" :") && keys.last!.text.count > 2)
        #expect(values.map(\.text).joined(separator: " ") == value)
        #expect(Set(values.map(\.origin.x)).count == 1)
        #expect(keys.allSatisfy { $0.origin.x + $0.width < values[0].origin.x })
        #expect(values.allSatisfy { $0.origin.x + $0.width <= layout.pageSize.width - layout.margins.right + 1e-9 })
    }

    /// Fills the first page with one-line paragraphs until `lines` body lines are left above the limit.
    private func layoutWithRoom(forLines lines: Int) -> PDFLayout {
        var layout = PDFLayout()
        let body = layout.styles.body
        let step = body.lineHeight + body.spaceAfter
        while layout.remainingHeight - step >= body.lineHeight * Double(lines) { layout.paragraph("Ligne") }
        let extra = layout.remainingHeight - body.lineHeight * Double(lines) - 1
        if extra > 0 { layout.space(extra) }
        #expect(Int(layout.remainingHeight / body.lineHeight) == lines)
        return layout
    }

    private func fiveLineParagraph() -> String {
        let lines = PDFTextWrapper.wrap(Fixtures.lorem, font: .helvetica, size: 10, width: PDFLayout().contentWidth)
        #expect(lines.count == 5)
        return Fixtures.lorem
    }

    @Test func noOrphanLineAtTheBottomOfAPage() {
        var layout = layoutWithRoom(forLines: 1)
        layout.paragraph(fiveLineParagraph())
        #expect(layout.pageCount == 2)
        #expect(!textItems(layout.pages[0]).contains { $0.text.hasPrefix("Votre demande") })
        #expect(textItems(layout.pages[1]).count == 5)
    }

    @Test func noWidowLineAtTheTopOfAPage() {
        var layout = layoutWithRoom(forLines: 4)
        layout.paragraph(fiveLineParagraph())
        #expect(layout.pageCount == 2)
        #expect(textItems(layout.pages[0]).filter { $0.text != "Ligne" }.count == 3)
        #expect(textItems(layout.pages[1]).count == 2)
    }

    @Test func paragraphSplitsWhereItFills() {
        var layout = layoutWithRoom(forLines: 3)
        layout.paragraph(fiveLineParagraph())
        #expect(textItems(layout.pages[0]).filter { $0.text != "Ligne" }.count == 3)
        #expect(textItems(layout.pages[1]).count == 2)
    }

    @Test func bulletListHangsUnderTheFirstWord() {
        var layout = PDFLayout()
        layout.bulletList(["Court", Fixtures.lorem])
        let items = textItems(layout.pages[0])
        let bullets = items.filter { $0.text == "•" }
        #expect(bullets.count == 2)
        let textX = Set(items.filter { $0.text != "•" }.map(\.origin.x))
        #expect(textX == [layout.margins.left + layout.styles.listIndent])
    }

    @Test func ruleSpansTheContentWidth() throws {
        var layout = PDFLayout()
        layout.paragraph("Avant")
        let before = layout.cursorY
        layout.rule()
        let line = try #require(
            layout.pages[0].operations.compactMap { if case .line(let line) = $0 { line } else { nil } }.first)
        #expect(line.from.x == layout.margins.left && line.to.x == layout.pageSize.width - layout.margins.right)
        #expect(line.from.y == line.to.y && line.from.y < before && line.from.y > layout.cursorY)
    }
}
