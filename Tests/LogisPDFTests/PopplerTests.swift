import Foundation
import Testing

@testable import LogisPDF

/// Round trips through poppler's command-line tools, when they are installed
/// (`apt-get install poppler-utils`, `brew install poppler`); skipped otherwise.
@Suite("Poppler round trip")
struct PopplerTests {
    static func tool(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let candidates = directories + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return candidates.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let pdftotext = tool("pdftotext")
    static let pdfinfo = tool("pdfinfo")

    /// Runs a tool and returns (stdout, stderr, exit status).
    static func run(_ executable: String, _ arguments: [String]) throws -> (String, String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self),
            process.terminationStatus
        )
    }

    static let sentence = "Attestation d’enregistrement — demande n° 030112600001FSPCV, Vauvert, délai : 1 mois, 15 €"

    static func writeSample() throws -> URL {
        var layout = PDFLayout(footer: PDFFooter(text: "Logis — plateforme de demande de logement social"))
        layout.title("Attestation d’enregistrement")
        layout.paragraph(sentence)
        layout.paragraph([.regular("Œuvre « élevée », cœur – ‘guillemets’ “doubles” … • ÉÈÀÇÔ ü ï ë ù û")])
        for _ in 0..<9 { layout.paragraph(Fixtures.lorem, alignment: .justified) }
        layout.keyValues([(key: "NUD", value: "030112600001FSPCV"), (key: "Commune", value: "Vauvert")])
        layout.bulletList(["Pièce d’identité", "Avis d’imposition"])
        let document = layout.document(
            info: PDFDocumentInfo(title: "Attestation d’enregistrement (n° 1)", creationDate: Fixtures.creationDate))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("logispdf-\(UUID().uuidString).pdf")
        try document.data().write(to: url)
        return url
    }

    @Test(.enabled(if: pdftotext != nil, "pdftotext is not installed"))
    func pdftotextReadsTheFrenchText() throws {
        let url = try Self.writeSample()
        defer { try? FileManager.default.removeItem(at: url) }
        let (text, errors, status) = try Self.run(Self.pdftotext!, ["-enc", "UTF-8", url.path, "-"])
        #expect(status == 0)
        #expect(errors.isEmpty, "\(errors)")
        for expected in [
            "Attestation d’enregistrement — demande n° 030112600001FSPCV", "Vauvert", "délai : 1 mois", "15 €",
            "Œuvre « élevée », cœur – ‘guillemets’ “doubles” … • ÉÈÀÇÔ ü ï ë ù û", "Pièce d’identité",
            "Page 1 / 2", "Page 2 / 2", "030112600001FSPCV",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test(.enabled(if: pdfinfo != nil, "pdfinfo is not installed"))
    func pdfinfoAcceptsTheFile() throws {
        let url = try Self.writeSample()
        defer { try? FileManager.default.removeItem(at: url) }
        let (info, errors, status) = try Self.run(Self.pdfinfo!, [url.path])
        #expect(status == 0)
        #expect(errors.isEmpty, "\(errors)")
        // "Key:   value" lines (the padding differs between poppler versions).
        var fields: [String: String] = [:]
        for line in info.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        #expect(fields["Title"] == "Attestation d’enregistrement (n° 1)")
        #expect(fields["Producer"] == "Logis")
        #expect(fields["CreationDate"]?.contains("2025") == true)
        #expect(fields["Pages"] == "2")
        #expect(fields["PDF version"] == "1.4")
        #expect(fields["Page size"]?.hasPrefix("595 x 842 pts") == true)
    }
}
