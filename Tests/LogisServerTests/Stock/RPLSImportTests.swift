import ConsoleKit
import Fluent
import Foundation
import XCTVapor

@testable import LogisServer

/// `logis import rpls`: the RPLS layout read (docs/rules/rpls-import.md), bad lines reported by
/// number and skipped while the good ones are written, a second import adding nothing, and the
/// observatory's stock counting what was imported. Fixture: Tests/Fixtures/rpls-sample.csv.
final class RPLSImportTests: XCTestCase {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/rpls-sample.csv")

    static func reading(
        _ app: Application, text: String? = nil, bailleur: String? = nil
    ) async throws
        -> RPLSImport.Reading
    {
        let codes = Set(try await Commune.query(on: app.db).all().compactMap(\.inseeCode))
        let names = Set(try await Organisation.query(on: app.db).all().map { $0.name.lowercased() })
        let data = try Data(contentsOf: sample)
        return try RPLSImport.parse(
            try text ?? StockImport.text(of: data), knownCommunes: codes, bailleurs: names, defaultBailleur: bailleur)
    }

    func testBadLinesAreReportedByNumberWithTheirReasonAndTheGoodOnesRead() async throws {
        try await withApp(demo: true) { app in
            let reading = try await Self.reading(app)
            XCTAssertEqual(reading.lines.map(\.number), [2, 3, 4, 5, 9])
            XCTAssertEqual(
                reading.problems.map(\.description),
                [
                    "ligne 6 : commune « 99999 » inconnue des territoires de Logis (code INSEE DEPCOM)",
                    "ligne 7 : nombre de pièces « zero » invalide (NBPIECE : entier de 1 à 20 attendu)",
                    "ligne 8 : ligne incomplète : 9 champ(s) au lieu de 14 (colonne manquante)",
                    "ligne 10 : financement PLI (logement intermédiaire) : hors du parc attribué par Logis",
                ])
            let first = try XCTUnwrap(reading.lines.first)
            XCTAssertEqual(first.typology, .t3)
            XCTAssertEqual(first.financing, .plus)
            XCTAssertEqual(first.surface, 69, "68,5 m² rounds to 69")
            XCTAssertEqual(first.rent, 402)
            XCTAssertEqual(first.address, "12 RUE DES ARENES")
            XCTAssertEqual(reading.lines[3].qpv, true, "a QPV code means inside a QPV")
            XCTAssertEqual(reading.lines[3].identifier, "AIM-0001")
            XCTAssertEqual(reading.lines[4].count, 3)
            XCTAssertEqual(reading.lines[4].typology, .t5)
        }
    }

    func testAHeaderWithoutANeededColumnIsRefusedWhole() async throws {
        try await withApp(demo: true) { app in
            let text = "DEPCOM;NBPIECE;SURFHAB;LOYERPRINC\n30341;3;60;400\n"
            do {
                _ = try await Self.reading(app, text: text, bailleur: "SEMIGA")
                XCTFail("a file without FINAN is refused")
            } catch StockImport.Failure.invalid(let problems) {
                XCTAssertEqual(problems.map(\.column), ["finan_libelle ou finan"])
            }
        }
    }

    func testTheCommandWritesTheGoodLinesFailsForTheBadOnesAndAReimportAddsNothing() async throws {
        try await withApp(demo: true) { app in
            let dwellings = try await StockDwelling.query(on: app.db).count()
            let residences = try await Residence.query(on: app.db).count()
            for run in 1...2 {
                do {
                    try await RPLSImportCommand.run(
                        file: Self.sample.path, bailleur: nil, app: app, console: Terminal())
                    XCTFail("run \(run): four lines were bad, the command must fail")
                } catch let error as LogisError {
                    XCTAssertEqual(error.code, ErrorCode.stockFileInvalid.rawValue)
                }
                let afterDwellings = try await StockDwelling.query(on: app.db).count()
                let afterResidences = try await Residence.query(on: app.db).count()
                XCTAssertEqual(afterDwellings, dwellings + 7, "run \(run): 4 single lines and a line of 3")
                XCTAssertEqual(afterResidences, residences + 3, "run \(run): one résidence per address and bailleur")
            }
            let reading = try await Self.reading(app)
            let outcome = try await RPLSImport.apply(reading.lines, on: app.db)
            XCTAssertEqual(outcome, StockImport.Outcome(residencesCreated: 0, dwellingsCreated: 0, dwellingsUpdated: 7))
            let aimargues = try await StockDwelling.query(on: app.db).filter(\.$reference == "AIM-0001").with(
                \.$residence
            )
            .first()
            XCTAssertEqual(aimargues?.residence.qpv, true)
            XCTAssertEqual(aimargues?.reservataire, "bailleur")
            XCTAssertEqual(aimargues?.floor, 2)
        }
    }

    func testTheObservatorysStockCountsTheImportedDwellings() async throws {
        try await withApp(demo: true) { app in
            let reading = try await Self.reading(app)
            _ = try await RPLSImport.apply(reading.lines, on: app.db)
            let admin = try await ObservatoryFiguresTests.adminToken(app)
            try await app.send(
                .GET, "api/v1/stats/stock-by-commune?territoire=petite-camargue",
                beforeRequest: { $0.headers.bearerAuthorization = .init(token: admin) }
            ) { res in
                XCTAssertEqual(res.status, .ok)
                let table = try res.content.decode(ObservatoryFixture.Table.self)
                // Demo stock: Le Cailar 2, Vauvert 12, Aimargues 3; imported: 3, 3 and 1.
                XCTAssertEqual(table.values("30059"), [5])
                XCTAssertEqual(table.values("30341"), [15])
                XCTAssertEqual(table.values("30006"), [4])
            }
        }
    }

    func testTheCSVReaderKeepsQuotesShortLinesAndLineNumbers() throws {
        let text = "a;b;c\r\n\"1;2\";\"dit \"\"oui\"\"\";3\r\n\"sur\ndeux\";x;y\r\ncourte;z\r\n"
        let records = try CSVRecords.parse(text, delimiter: ";")
        XCTAssertEqual(
            records,
            [
                .init(line: 1, fields: ["a", "b", "c"]), .init(line: 2, fields: ["1;2", "dit \"oui\"", "3"]),
                .init(line: 3, fields: ["sur\ndeux", "x", "y"]), .init(line: 5, fields: ["courte", "z"]),
            ])
        XCTAssertThrowsError(try CSVRecords.parse("a;b\n\"ouvert;2\n", delimiter: ";")) { error in
            XCTAssertEqual(error as? CSVRecords.Unclosed, CSVRecords.Unclosed(line: 2))
        }
    }

    func testTheProgressBarFillsWithTheLinesDone() {
        XCTAssertEqual(
            RPLSImportCommand.progressBar(done: 5, total: 10, width: 10), "\r[#####-----] 50 % (5 / 10 lignes)")
        XCTAssertEqual(RPLSImportCommand.progressBar(done: 0, total: 0, width: 4), "\r[####] 0 % (0 / 0 lignes)")
    }
}
