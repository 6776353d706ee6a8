import Fluent
import Foundation
import LogisCore
import LogisPDF

/// Pending letters as a PDF to print and post: one letter per page or more (a new page for each),
/// sender (the desk) top left, recipient's address block on the right, the date in French, the
/// subject in bold, then the message's text.
enum LetterPDF {
    /// Who signs the letter: the agent's own desk, else the first registering desk of the
    /// request's territory (as on the attestation), else Logis.
    struct Sender: Sendable {
        let lines: [String]

        static let logis = Sender(lines: ["Logis – demande de logement social"])

        init(lines: [String]) { self.lines = lines }

        init(_ desk: Guichet) {
            let town = [desk.postalCode, desk.city].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            let contact = [desk.phone, desk.email].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            lines = [desk.name, desk.street ?? "", town, contact].filter { !$0.isEmpty }
        }
    }

    static func senders(
        for letters: [LetterPrintList.Letter], agent: Account, on db: any Database
    ) async throws -> [UUID: Sender] {
        if let desk = try await agent.$guichet.get(on: db) {
            let sender = Sender(desk)
            return Dictionary(letters.compactMap { $0.territoryID }.map { ($0, sender) }) { first, _ in first }
        }
        var senders: [UUID: Sender] = [:]
        for territoryID in Set(letters.compactMap(\.territoryID)) {
            let desk = try await Guichet.query(on: db).filter(\.$territory.$id == territoryID)
                .filter(\.$kind == Guichet.Kind.enregistrement.rawValue).sort(\.$name).first()
            senders[territoryID] = desk.map(Sender.init) ?? .logis
        }
        return senders
    }

    static func document(_ letters: [LetterPrintList.Letter], senders: [UUID: Sender]) -> Data {
        var layout = PDFLayout(
            footer: PDFFooter(text: "Logis – demande de logement social", pageNumberFormat: nil))
        for (index, letter) in letters.enumerated() {
            if index > 0 { layout.pageBreak() }
            let sender = letter.territoryID.flatMap { senders[$0] } ?? .logis
            layout.paragraph(sender.lines.joined(separator: "\n"))
            layout.space(18)
            layout.paragraph(letter.recipient, alignment: .right)
            layout.space(18)
            let day = CalendarDate.today(now: letter.createdAt)
            layout.paragraph("Le \(MessageTexts.long(day))", alignment: .right)
            layout.space(12)
            layout.paragraph([.bold("Objet : \(letter.subject)")])
            for block in letter.body.components(separatedBy: "\n\n") where !block.isEmpty {
                layout.paragraph(block)
            }
        }
        let paris = TimeZone(identifier: "Europe/Paris") ?? .current
        let info = PDFDocumentInfo(
            title: letters.count == 1 ? letters[0].subject : "Courriers à imprimer (\(letters.count))",
            subject: "Demande de logement social", creator: "Logis", creationDate: Date(), timeZone: paris)
        return layout.document(info: info).data()
    }
}
