import Foundation
import LogisCore
import Testing

/// A fresh temporary directory per test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("logis-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A table file as an administrator would write it.
func ceilingsJSON(
    year: Int = 2027, zone: String = "autres-regions", source: String = "Arrêté du 29 juillet 1987, valeurs 2027",
    plus: [Int] = [23_600, 31_500, 37_900, 45_700, 53_800, 60_600], extra: Int = 6_760, plai: String? = nil
) -> Data {
    let amounts = plus.map(String.init).joined(separator: ",")
    let plaiPart = plai.map { #","plai":\#($0)"# } ?? ""
    return Data(
        #"{"year":\#(year),"zone":"\#(zone)","source":"\#(source)","plus":{"categories":[\#(amounts)],"extraPerson":\#(extra)}\#(plaiPart)}"#
            .utf8)
}

@Suite("Ceilings import (validated table file, no new release)")
struct CeilingsImportTests {
    @Test func validFileIsAccepted() throws {
        let file = try CeilingsFile.validated(from: ceilingsJSON())
        #expect(file.year == 2027)
        #expect(file.zone == .autresRegions)
        #expect(file.fileName == "2027-autres-regions.json")
        #expect(file.plai == nil)
    }

    static let invalidFiles: [(String, Data)] = [
        ("not JSON", Data("plafonds".utf8)),
        ("year out of range", ceilingsJSON(year: 1900)),
        ("unknown zone", ceilingsJSON(zone: "lyon")),
        ("empty source", ceilingsJSON(source: "  ")),
        ("five categories", ceilingsJSON(plus: [1, 2, 3, 4, 5])),
        ("decreasing amounts", ceilingsJSON(plus: [23_600, 31_500, 30_000, 45_700, 53_800, 60_600])),
        ("zero amount", ceilingsJSON(plus: [0, 31_500, 37_900, 45_700, 53_800, 60_600])),
        ("no extra person amount", ceilingsJSON(extra: 0)),
        (
            "the OpenFisca typo 218 805 in PLAI c2",
            ceilingsJSON(plai: #"{"categories":[13378,218805,28582,31287,37218,41884],"extraPerson":4666}"#)
        ),
        (
            "PLAI above PLUS",
            ceilingsJSON(plai: #"{"categories":[30000,31000,32000,33000,34000,70000],"extraPerson":100}"#)
        ),
        ("missing plus", Data(#"{"year":2027,"zone":"idf","source":"x"}"#.utf8)),
    ]

    @Test("Invalid table files are refused with invalid_ceilings_file", arguments: invalidFiles)
    func invalidFileIsRefused(_ name: String, _ data: Data) {
        do {
            _ = try CeilingsFile.validated(from: data)
            Issue.record("accepted: \(name)")
        } catch {
            #expect(error.code == "invalid_ceilings_file")
            #expect(error.message.hasPrefix("Fichier de plafonds invalide"))
        }
    }

    @Test("The data directory adds a new year and wins over a bundled table of the same year and zone")
    func directoryAddsAndOverrides() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ceilingsJSON().write(to: directory.appendingPathComponent("2027-autres-regions.json"))
        try ceilingsJSON(year: 2024, source: "correction locale").write(
            to: directory.appendingPathComponent("2024-autres-regions.json"))
        let catalog = try CeilingsCatalog.load(extraDirectory: directory)
        #expect(try catalog.schedule(year: 2027, zone: .autresRegions).plus.categories[0] == 23_600)
        let overridden = try catalog.schedule(year: 2024, zone: .autresRegions)
        #expect(overridden.source == "correction locale")
        #expect(overridden.plai == nil)
        #expect(try catalog.schedule(year: 2024, zone: .idf).plus.categories[0] == 26_044)
    }

    @Test("A missing data directory means bundled tables only")
    func missingDirectory() throws {
        let catalog = try CeilingsCatalog.load(extraDirectory: URL(fileURLWithPath: "/nonexistent/logis"))
        #expect(catalog.all.count == 15)
    }

    @Test("A broken file in the data directory is reported with its name")
    func brokenFileInDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ceilingsJSON(plus: [3, 2, 1, 4, 5, 6]).write(to: directory.appendingPathComponent("2027-idf.json"))
        do {
            _ = try CeilingsCatalog.load(extraDirectory: directory)
            Issue.record("broken file loaded")
        } catch {
            #expect(error.code == "invalid_ceilings_file")
            #expect(error.message.hasPrefix("2027-idf.json"))
        }
    }
}
