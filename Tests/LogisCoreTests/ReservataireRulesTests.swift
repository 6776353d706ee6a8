import LogisCore
import XCTest

/// The réservataires' rules (docs/rules/reservataires.md), each row quoting its source.
final class ReservataireRulesTests: XCTestCase {
    /// Loi ELAN 2018, CCH R441-5: a flux share is a percentage of the bailleur's vacancies of the
    /// year; the rounding (nearest dwelling, a half up) is our reading.
    func testVacanciesDueAreTheShareOfTheYearsVacanciesRoundedToTheNearestDwelling() {
        let rows: [(basisPoints: Int, vacancies: Int, due: Int, why: String)] = [
            (3_000, 10, 3, "État 30 % of 10"),
            (3_000, 7, 2, "2.1 rounds down"),
            (2_500, 10, 3, "2.5: a half rounds up"),
            (500, 9, 0, "0.45 rounds down (the 5 % of public agents on 9 vacancies)"),
            (500, 10, 1, "0.5 rounds up"),
            (1_250, 8, 1, "12.5 % of 8 = 1 exactly"),
            (3_000, 0, 0, "no vacancy, nothing due"),
            (0, 40, 0, "no share, nothing due"),
            (10_000, 13, 13, "a whole contingent"),
        ]
        for row in rows {
            XCTAssertEqual(
                FluxShare(basisPoints: row.basisPoints).vacanciesDue(outOf: row.vacancies), row.due, row.why)
        }
    }

    /// What an EPCI agent types in a flux agreement's field: a percentage with at most two
    /// decimals, a comma or a point, an optional « % »; anything else is refused, never rounded.
    func testASharesPercentageIsReadAsTypedOrRefused() {
        let rows: [(text: String, basisPoints: Int?)] = [
            ("30", 3_000), ("12,5", 1_250), ("12.25", 1_225), (" 7 % ", 700), ("0,05", 5), ("100", 10_000),
            ("0", 0), ("100,01", nil), ("101", nil), ("-5", nil), ("12,345", nil), ("abc", nil), ("", nil),
            (",5", nil), ("12,", nil), ("1 000", nil), ("3e1", nil),
        ]
        for row in rows {
            XCTAssertEqual(FluxShare(percentText: row.text)?.basisPoints, row.basisPoints, "« \(row.text) »")
        }
    }

    func testASharePrintsAsAFrenchPercentageAndMustLieBetween0And100() {
        XCTAssertEqual(FluxShare(percent: 30).percentText, "30")
        XCTAssertEqual(FluxShare(basisPoints: 1_250).percentText, "12,5")
        XCTAssertEqual(FluxShare(basisPoints: 1_205).percentText, "12,05")
        XCTAssertEqual(FluxShare(basisPoints: 5).percentText, "0,05")
        XCTAssertTrue(FluxShare(percent: 100).isValid)
        XCTAssertFalse(FluxShare(basisPoints: 10_001).isValid)
        XCTAssertFalse(FluxShare(basisPoints: -1).isValid)
    }

    /// CCH L441-1 (loi Égalité et citoyenneté 2017): 25 % of each réservataire's attributions, and
    /// of the bailleur's non-reserved ones, to DALO households or L441-1 priority publics; the
    /// État's contingent is for priority publics as a whole, without a 25 % minimum.
    func testThePriorityPublicsMinimumIs25PercentExceptForTheEtat() {
        let rows: [(Reservataire, Int?)] = [
            (.etat, nil), (.commune, 25), (.epci, 25), (.actionLogement, 25), (.departement, 25), (.bailleur, 25),
        ]
        for (holder, minimum) in rows {
            XCTAssertEqual(AttributionQuotas.priorityPublicsMinimum(for: holder), minimum, holder.rawValue)
        }
        XCTAssertNil(AttributionQuotas.priorityPublics(for: .etat, count: 1, total: 4))
    }

    /// CCH L441-1 al. 25 (loi Égalité et citoyenneté, art. 70): 25 % of the attributions outside QPV
    /// to the first quartile. The check compares whole numbers: 24.96 % is not 25 %.
    func testAQuotaIsMetFromExactlyItsMinimumAndCountsTheShortfall() {
        let rows: [(count: Int, total: Int, share: Double?, met: Bool, shortfall: Int, why: String)] = [
            (1, 4, 25, true, 0, "exactly 25 %"),
            (0, 4, 0, false, 1, "none of 4: one was needed"),
            (1, 5, 20, false, 1, "25 % of 5 is 1.25: two were needed"),
            (2, 5, 40, true, 0, "40 %"),
            (624, 2_500, 25, false, 1, "24.96 % is shown 25 but is short by one"),
            (0, 0, nil, true, 0, "no attribution: nothing to fall short of"),
            (3, 3, 100, true, 0, "all of them"),
            (1, 3, 33.3, true, 0, "one decimal"),
        ]
        for row in rows {
            let check = AttributionQuotas.firstQuartileOutsideQPV(count: row.count, total: row.total)
            XCTAssertEqual(check.sharePercent, row.share, row.why)
            XCTAssertEqual(check.isMet, row.met, row.why)
            XCTAssertEqual(check.shortfall, row.shortfall, row.why)
        }
        let priority = AttributionQuotas.priorityPublics(for: .actionLogement, count: 1, total: 8)
        XCTAssertEqual(priority, QuotaCheck(count: 1, total: 8, minimumPercent: 25))
        XCTAssertEqual(priority?.shortfall, 1)
    }
}
