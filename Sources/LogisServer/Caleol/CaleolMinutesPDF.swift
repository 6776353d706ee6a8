import Foundation
import LogisCore
import LogisPDF

/// The procès-verbal of a CALEOL session (DOMAIN.md §9, CCH R441-3): who sat and voted, whether
/// the commission could deliberate, and for each dwelling every candidate's decision with its
/// votes and motive, ready for the president and the secretary to sign.
enum CaleolMinutesPDF {
    static func pdf(_ content: CaleolMinutesContent) throws -> Data {
        let heldOn = display(content.heldOn)
        let commission = encodable(content.commission)
        var layout = PDFLayout(
            footer: PDFFooter(
                text: "Logis – procès-verbal de la CALEOL « \(commission) » du \(heldOn), "
                    + "édité le \(display(content.producedOn))"))
        layout.title(
            "Procès-verbal de la commission d’attribution des logements et d’examen de l’occupation "
                + "des logements (CALEOL)")
        layout.keyValues([
            (key: "Commission", value: commission),
            (key: "Bailleur", value: encodable(content.bailleur)),
            (key: "Territoire", value: encodable(content.territory)),
            (key: "Date de la séance", value: heldOn),
            (key: "Modalité", value: encodable(content.mode)),
        ])

        layout.heading("Composition de la commission")
        layout.bulletList(
            content.members.map { member in
                [
                    .bold(encodable(member.name)),
                    .regular(
                        " – \(encodable(member.role)) – \(encodable(member.attendance)) – "
                            + (member.votes ? "voix délibérative" : "voix consultative")),
                ]
            })
        layout.paragraph(
            content.quorumReached
                ? "Le quorum est atteint : la commission peut valablement délibérer."
                : "Le quorum n’est pas atteint : la commission ne peut valablement délibérer.")
        layout.paragraph([.bold("Voix prépondérante : "), .regular(encodable(content.castingVote))])

        layout.heading("Décisions")
        for dwelling in content.dwellings {
            section(for: dwelling, in: &layout)
        }

        layout.rule()
        layout.paragraph(
            "Chaque décision est notifiée par écrit au demandeur ; les décisions de refus sont motivées "
                + "(CCH L441-2-2).")
        signatures(on: heldOn, in: &layout)

        let info = PDFDocumentInfo(
            title: "Procès-verbal CALEOL \(commission) du \(heldOn)",
            subject: "Commission d’attribution des logements et d’examen de l’occupation des logements",
            creator: "Logis", creationDate: midnight(content.producedOn), timeZone: paris)
        return layout.document(info: info).data()
    }

    /// One dwelling: its identity, then each candidate in the order the commission examined them.
    private static func section(for dwelling: CaleolMinutesContent.Dwelling, in layout: inout PDFLayout) {
        layout.heading(
            "Logement \(encodable(dwelling.reference)) – \(encodable(dwelling.residence)), "
                + encodable(dwelling.commune))
        layout.paragraph(encodable(dwelling.description))
        guard !dwelling.decisions.isEmpty else {
            layout.paragraph("Aucune candidature n’a été examinée pour ce logement.")
            return
        }
        layout.bulletList(
            dwelling.decisions.map { decision in
                var runs: [PDFTextRun] = [
                    .bold("NUD \(encodable(decision.nud))"), .regular(" : "), .bold(encodable(decision.decision)),
                    .regular("\nVotes : \(encodable(decision.votes))"),
                ]
                if decision.byCastingVote { runs.append(.regular(" (voix prépondérante)")) }
                if let motif = decision.motif {
                    runs += [.italic("\nMotif : "), .regular(encodable(motif))]
                }
                if let condition = decision.condition {
                    runs += [.italic("\nCondition : "), .regular(encodable(condition))]
                }
                return runs
            })
    }

    /// « Fait le » and two side-by-side blocks with room to sign. The layout only flows text down
    /// the page, so the blocks are drawn at the cursor; the date and the blocks are kept on one page
    /// so that the signatures never stand alone, detached from what they sign.
    private static func signatures(on date: String, in layout: inout PDFLayout) {
        let height = 70.0
        let body = layout.styles.body
        layout.ensureSpace(body.spaceBefore + body.lineHeight + body.spaceAfter + 12 + height)
        layout.paragraph("Fait le \(date)")
        layout.space(12)
        let top = layout.cursorY
        let column = layout.contentWidth / 2
        for (index, signer) in ["Le président de séance", "Le secrétaire de séance"].enumerated() {
            let x = layout.margins.left + Double(index) * column
            layout.draw(.text(PDFTextItem(signer, origin: PDFPoint(x: x, y: top - 10), font: .helveticaBold)))
            layout.draw(
                .text(
                    PDFTextItem(
                        "Nom et signature", origin: PDFPoint(x: x, y: top - 24), size: 8, color: .gray(0.35))))
            layout.draw(
                .line(
                    PDFLine(
                        from: PDFPoint(x: x, y: top - height + 10),
                        to: PDFPoint(x: x + column - 24, y: top - height + 10),
                        color: .gray(0.6))))
        }
        layout.space(height)
    }

    // MARK: Text

    /// DD/MM/YYYY, as French documents write dates.
    static func display(_ date: CalendarDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    private static let paris = TimeZone(identifier: "Europe/Paris") ?? .current

    /// The start of the production day in Paris, so the same content always gives the same file.
    private static func midnight(_ date: CalendarDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? Date()
    }

    /// Letters that neither WinAnsi nor a compatibility decomposition can give: their usual
    /// Latin transliteration, rather than the writer's « ? ».
    private static let substitutes: [Character: String] = [
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ŀ": "l", "−": "-", "≤": "<=", "≥": ">=",
        "≠": "!=", "→": "->", "\u{200B}": "", "\u{FEFF}": "",
    ]

    /// The text with every character the fonts' WinAnsi encoding lacks replaced: names and
    /// motives are typed by people (« Łukasz », « Ștefan », a pasted « ≥ »), and the writer would
    /// print each such character as « ? ». Accents first lose only their mark (ș → s, ő → o).
    static func encodable(_ text: String) -> String {
        guard !WinAnsiEncoding.canEncode(text) else { return text }
        return text.precomposedStringWithCanonicalMapping.map { character -> String in
            let single = String(character)
            if WinAnsiEncoding.canEncode(single) { return single }
            if let substitute = substitutes[character] { return substitute }
            let scalars = single.decomposedStringWithCompatibilityMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
            let folded = String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
            return !folded.isEmpty && WinAnsiEncoding.canEncode(folded) ? folded : "?"
        }.joined()
    }
}
