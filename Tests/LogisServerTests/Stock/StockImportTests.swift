import Fluent
import XCTVapor

@testable import LogisServer

/// `logis import stock`: documented columns, UTF-8 and the French Excel export both read, and a
/// file with a bad line imports nothing and names every bad line.
final class StockImportTests: XCTestCase {
    static let header =
        "residence_reference;residence_name;address;commune_insee;qpv;reference;typology;surface;floor;elevator;"
        + "accessibility;financing;rent;charges;reservataire"

    func testAFileWithBadLinesImportsNothingAndReportsEachOne() async throws {
        try await withApp(demo: true) { app in
            let before = try await StockDwelling.query(on: app.db).count()
            let text = [
                Self.header,
                "AIM-NEW;Résidence Neuve;1 rue Neuve;30006;non;AIM-NEW-1;T3;65;0;non;1;PLUS;380;70;bailleur",
                "AIM-NEW;Résidence Neuve;1 rue Neuve;99999;non;AIM-NEW-2;T9;65;0;non;1;PLUS;380;70;bailleur",
                "AIM-NEW;Résidence Neuve;1 rue Neuve;30006;peut-être;AIM-NEW-1;T2;45;1;oui;0;PLAI;250;60;etat",
            ].joined(separator: "\n")
            let codes = Set(try await Commune.query(on: app.db).all().compactMap(\.inseeCode))
            XCTAssertThrowsError(try StockImport.parse(text, knownCommunes: codes)) { error in
                guard case StockImport.Failure.invalid(let problems) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(
                    problems.map { "\($0.line):\($0.column)" },
                    ["3:commune_insee", "3:typology", "4:qpv", "4:reference"])
            }
            let after = try await StockDwelling.query(on: app.db).count()
            XCTAssertEqual(after, before, "nothing imported")
        }
    }

    func testTheExcelExportIsReadAndAReimportUpdates() async throws {
        try await withApp(demo: true) { app in
            let found = try await Organisation.query(on: app.db).filter(\.$name == "Habitat du Gard").first()
            let organisation = try XCTUnwrap(found)
            let codes = Set(try await Commune.query(on: app.db).all().compactMap(\.inseeCode))
            func load(rent: Int) async throws -> StockImport.Outcome {
                let text = [
                    Self.header,
                    "BEA-ECO;Résidence Les Écoles;3 rue des Écoles;30033;oui;BEA-ECO-1;T4;80;2;oui;1;PLUS;\(rent);90;commune",
                    "BEA-ECO;Résidence Les Écoles;3 rue des Écoles;30033;oui;BEA-ECO-2;T2;45;0;non;2;PLAI;260;50;etat",
                ].joined(separator: "\r\n")
                // Excel « CSV (séparateur : point-virgule) » in France: Windows-1252.
                let data = try XCTUnwrap(text.data(using: .windowsCP1252))
                XCTAssertNil(String(data: data, encoding: .utf8), "the fixture really is Windows-1252")
                let lines = try StockImport.parse(try StockImport.text(of: data), knownCommunes: codes)
                return try await StockImport.apply(lines, to: organisation, on: app.db)
            }
            var outcome = try await load(rent: 480)
            XCTAssertEqual(outcome, StockImport.Outcome(residencesCreated: 1, dwellingsCreated: 2, dwellingsUpdated: 0))
            let residence = try await Residence.query(on: app.db).filter(\.$reference == "BEA-ECO").first()
            XCTAssertEqual(residence?.name, "Résidence Les Écoles")
            XCTAssertEqual(residence?.qpv, true)
            outcome = try await load(rent: 495)
            XCTAssertEqual(outcome, StockImport.Outcome(residencesCreated: 0, dwellingsCreated: 0, dwellingsUpdated: 2))
            let dwelling = try await StockDwelling.query(on: app.db).filter(\.$reference == "BEA-ECO-1").first()
            XCTAssertEqual(dwelling?.rent, 495)
            XCTAssertEqual(dwelling?.accessibility, 1)
            XCTAssertEqual(dwelling?.reservataire, "commune")
        }
    }
}
