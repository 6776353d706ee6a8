import Foundation

@testable import LogisPDF

/// Byte-level helpers for reading back the writer's output.
enum PDFBytes {
    static func bytes(_ data: Data) -> [UInt8] { [UInt8](data) }

    /// First offset of `needle` in `haystack` at or after `start`.
    static func find(_ needle: String, in haystack: [UInt8], from start: Int = 0) -> Int? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count, start <= haystack.count - pattern.count else {
            return nil
        }
        var index = start
        while index <= haystack.count - pattern.count {
            if haystack[index] == pattern[0], Array(haystack[index..<index + pattern.count]) == pattern {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Last offset of `needle` in `haystack`.
    static func findLast(_ needle: String, in haystack: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        guard haystack.count >= pattern.count else { return nil }
        var index = haystack.count - pattern.count
        while index >= 0 {
            if Array(haystack[index..<index + pattern.count]) == pattern { return index }
            index -= 1
        }
        return nil
    }

    static func contains(_ needle: String, in haystack: [UInt8]) -> Bool {
        find(needle, in: haystack) != nil
    }

    /// The bytes as text, one character per byte (ISO Latin-1), for regex-free reading of ASCII parts.
    static func latin1(_ bytes: some Sequence<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// Reads a run of ASCII digits starting at `offset`.
    static func integer(in bytes: [UInt8], at offset: Int) -> Int? {
        var end = offset
        while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
        guard end > offset else { return nil }
        return Int(latin1(bytes[offset..<end]))
    }
}

enum Fixtures {
    /// 12 March 2025, 09:30:00 UTC.
    static let creationDate = Date(timeIntervalSince1970: 1_741_771_800)

    static let lorem =
        "Votre demande de logement social a bien été enregistrée. Elle est valable un an à compter de la date "
        + "de dépôt et doit être renouvelée chaque année, au plus tard à sa date anniversaire, faute de quoi elle "
        + "sera radiée. Toute modification de votre situation (composition du foyer, ressources, adresse) doit "
        + "être signalée sans délai. Le numéro unique départemental figurant sur la présente attestation vous "
        + "sera demandé pour toute démarche auprès des bailleurs sociaux et des réservataires."

    /// A one-page attestation built with the layout.
    static func attestation(paragraphs: Int = 2) -> PDFLayout {
        var layout = PDFLayout(footer: PDFFooter(text: "Logis — plateforme de demande de logement social"))
        layout.title("Attestation d’enregistrement")
        for _ in 0..<paragraphs { layout.paragraph(lorem, alignment: .justified) }
        layout.keyValues([
            (key: "NUD", value: "030112600001FSPCV"),
            (key: "Commune", value: "Vauvert"),
            (key: "Date de dépôt", value: "12 mars 2025"),
        ])
        layout.rule()
        layout.bulletList(["Pièce d’identité", "Avis d’imposition 2024 (revenus 2023)"])
        return layout
    }
}
