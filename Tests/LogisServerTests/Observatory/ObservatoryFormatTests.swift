import XCTest

@testable import LogisServer

/// The pieces the figures are written with: the CSV's fields and the chart's text, whatever a
/// bailleur's or a commune's name holds.
final class ObservatoryFormatTests: XCTestCase {
    func testAPageShowsTheLargestLinesOfAHugeFigureInTheirOrder() {
        // 60 communes: value = the commune's number, so the 50 largest are numbers 11 to 60.
        let rows = (1...60).map { FigureRow(code: String(format: "%05d", $0), label: "C\($0)", values: [Double($0)]) }
        let table = FigureTable(
            figure: .pendingByCommune, rows: rows, filter: ObservatoryFilter(year: 2026), public: false)
        let shown = table.largest(50)
        XCTAssertEqual(shown.rows.map(\.code), (11...60).map { String(format: "%05d", $0) })
        XCTAssertEqual(table.largest(100).rows.count, 60, "a figure that fits is whole")
    }

    func testCSVFieldsAreQuotedAndNeverRunAsFormulas() {
        XCTAssertEqual(FigureCSV.quoted("Habitat; du Gard"), "\"Habitat; du Gard\"")
        XCTAssertEqual(FigureCSV.quoted("Le \"Mas\""), "\"Le \"\"Mas\"\"\"")
        XCTAssertEqual(FigureCSV.quoted("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"")
        XCTAssertEqual(FigureCSV.quoted("-12,5"), "-12,5", "a negative number stays a number")
        let row = FigureRow(code: "q1", label: "1er quartile", values: [3, 37.5, nil])
        let columns = [
            FigureColumn(key: "a", label: "A", unit: .households),
            FigureColumn(key: "b", label: "B", unit: .derived([0])),
            FigureColumn(key: "c", label: "C", unit: .dwellings),
        ]
        XCTAssertEqual(FigureCSV.line(row), "q1;1er quartile;3;37,5;\r\n")
        XCTAssertEqual(FigureCSV.line(row.suppressingSmallCells(columns)), "q1;1er quartile;< 5;< 5;\r\n")
    }

    func testChartTextIsEscapedAndStatesEveryValue() {
        let filter = ObservatoryFilter(year: 2026)
        let table = FigureTable(
            figure: .stockByBailleur,
            rows: [
                FigureRow(code: "x", label: "<script>alert(1)</script> & Cie", values: [12]),
                FigureRow(code: "y", label: "SEMIGA", values: [3]),
            ], filter: filter, public: false)
        let svg = FigureChart.svg(table, id: "g")
        XCTAssertFalse(svg.contains("<script>"))
        XCTAssertTrue(svg.contains("&lt;script&gt;"))
        XCTAssertTrue(svg.contains("role=\"img\""))
        XCTAssertTrue(svg.contains("<title id=\"g-titre\">Logements sociaux par bailleur</title>"))
        XCTAssertTrue(svg.contains("SEMIGA : 3"), "the text alternative gives the values")
        XCTAssertEqual(svg.components(separatedBy: "<rect").count - 1, 2, "one bar per row")
    }
}
