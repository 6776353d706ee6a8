import Foundation
import XCTest

/// Reads a PDF's text with poppler's `pdftotext`, as CI checks it (`apt-get install poppler-utils`).
enum PDFText {
    static func extract(_ data: Data) throws -> String {
        let tool = "/usr/bin/pdftotext"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw XCTSkip("pdftotext is not installed (apt-get install poppler-utils)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).pdf")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-enc", "UTF-8", file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "pdftotext failed")
        return String(decoding: text, as: UTF8.self)
    }
}
