import Foundation
import NIOCore
import XCTest

@testable import LogisServer

/// The COPY text format: what PostgreSQL's `COPY … FROM STDIN` reads back as the values written.
final class CopyTextEncoderTests: XCTestCase {
    private func encoded(_ rows: [[any CopyTextValue]]) throws -> String {
        var encoder = CopyTextEncoder()
        for row in rows { try encoder.row(row) }
        XCTAssertEqual(encoder.rows, rows.count)
        return String(buffer: encoder.buffer)
    }

    func testTabsNewlinesCarriageReturnsAndBackslashesAreEscaped() throws {
        let tricky = "a\\b\tc\nd\re"
        XCTAssertEqual(try encoded([[tricky, "x"]]), "a\\\\b\\tc\\nd\\re\tx\n")
        // A value that reads like an escape stays text: `\N` is not NULL, `\.` does not end the data.
        XCTAssertEqual(try encoded([["\\N"], ["\\."]]), "\\\\N\n\\\\.\n")
    }

    func testNullIsBackslashNAndDiffersFromTheEmptyString() throws {
        let missing: String? = nil
        let empty: String? = ""
        XCTAssertEqual(try encoded([[missing, empty, Int?.none]]), "\\N\t\t\\N\n")
    }

    func testAccentsAndOtherUnicodeArePassedAsUTF8() throws {
        let name = "Éloïse N’Diaye-Łukasz 😀 \u{0B}"
        XCTAssertEqual(try encoded([[name]]), name + "\n")
    }

    func testNumbersBooleansAndUUIDs() throws {
        let id = try XCTUnwrap(UUID(uuidString: "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9"))
        XCTAssertEqual(
            try encoded([[-42, Int64.max, true, false, id]]),
            "-42\t9223372036854775807\tt\tf\t0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9\n")
    }

    func testTimestampsAreUTCToTheMicrosecond() throws {
        let cases: [(Double, String)] = [
            (0, "1970-01-01 00:00:00.000000+00"),
            (-1, "1969-12-31 23:59:59.000000+00"),
            // 2024-02-29 13:45:07.25 UTC: a leap day, a fraction of a second.
            (1_709_214_307.25, "2024-02-29 13:45:07.250000+00"),
            (1_795_824_000, "2026-11-28 00:00:00.000000+00"),
            (-62_135_596_800, "0001-01-01 00:00:00.000000+00"),
            (-62_135_596_801, "0001-12-31 23:59:59.000000+00 BC"),
        ]
        for (seconds, text) in cases {
            XCTAssertEqual(try encoded([[Date(timeIntervalSince1970: seconds)]]), text + "\n", "\(seconds)")
        }
    }

    func testJSONIsItsTextEscapedLikeAnyText() throws {
        struct Form: Codable, Sendable, CopyTextValue {
            let note: String
            func write(to encoder: inout CopyTextEncoder) throws { try encoder.json(self) }
        }
        // JSON writes the newline as backslash-n: COPY must double that backslash.
        XCTAssertEqual(try encoded([[Form(note: "l1\nl2\t\"q\"")]]), #"{"note":"l1\\nl2\\t\\"q\\""}"# + "\n")
    }
}
