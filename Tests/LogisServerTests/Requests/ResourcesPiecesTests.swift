import LogisCore
import XCTVapor

@testable import LogisServer

/// Issue « rules mended » 5.7: « The checklist pieces for CAF/MSA benefits, alimony, daily
/// allowances and foreign income never appear because the form never sets those situations:
/// ask them. » The ressources step asks them; the checklist follows, person by person.
final class ResourcesPiecesTests: XCTestCase {
    func testTheResourcesStepDecidesTheIncomePieces() throws {
        var form = RequestForm()
        form.coApplicant = CoApplicantSection(
            present: true, lastName: "Essai", firstName: "Alex", birthDate: "1990-01-01", nationality: "fr",
            relationship: "pacs")
        let errors = WizardStep.ressources.apply(
            [
                "applicantMonthlyIncome": "1200", "taxIncomeN2": "14000", "socialBenefits": "on",
                "applicantAlimony": "on", "coApplicantDailyAllowances": "on", "coApplicantForeignIncome": "on",
            ], to: &form, communes: CommuneList(entries: []), today: try CalendarDate(iso: "2026-11-28"))
        XCTAssertTrue(errors.isEmpty, "\(errors)")
        let pieces = DocumentChecklist(for: try form.documentSituation(on: try CalendarDate(iso: "2026-11-28"))).pieces
        func has(_ piece: DocumentPiece, person: Int?) -> Bool {
            pieces.contains { $0.piece == piece && $0.personIndex == person }
        }
        XCTAssertTrue(has(.attestationCafMsa, person: nil))
        XCTAssertTrue(has(.justificatifPensionAlimentaire, person: 0))
        XCTAssertFalse(has(.justificatifPensionAlimentaire, person: 1))
        XCTAssertTrue(has(.bulletinIndemnitesJournalieres, person: 1))
        XCTAssertTrue(has(.attestationFiscaleEtranger, person: 1), "taxed abroad: that country's attestation")
        XCTAssertFalse(has(.avisImpositionN2, person: 1))
        XCTAssertTrue(has(.avisImpositionN2, person: 0))

        // A request saved before these questions existed reads them as « no ».
        let old = Data(
            #"{"applicantMonthlyIncome":1,"coApplicantMonthlyIncome":0,"otherMonthlyIncome":0,"taxIncomeN2":2}"#.utf8)
        let decoded = try JSONDecoder().decode(ResourcesSection.self, from: old)
        XCTAssertFalse(decoded.socialBenefits || decoded.applicantAlimony || decoded.coApplicantForeignIncome)
    }
}

/// DOMAIN.md §3: « the RFR of N-2, or N-1 if lower and the household asks ».
final class IncomeOfLastYearTests: XCTestCase {
    static let today = try! CalendarDate(iso: "2026-11-28")

    func apply(_ fields: [String: String]) -> (RequestForm, [String: String]) {
        var form = RequestForm()
        let base = ["applicantMonthlyIncome": "900", "taxIncomeN2": "30000"]
        let errors = WizardStep.ressources.apply(
            base.merging(fields) { $1 }, to: &form, communes: CommuneList(entries: []), today: Self.today)
        return (form, errors)
    }

    func testALowerIncomeOfLastYearIsRetainedWhenAsked() throws {
        var (form, errors) = apply(["useIncomeN1": "on", "taxIncomeN1": "30000"])
        XCTAssertNotNil(errors["taxIncomeN1"], "equal to N-2: refused")
        (form, errors) = apply(["useIncomeN1": "on"])
        XCTAssertNotNil(errors["taxIncomeN1"], "asked without an amount: refused")
        (form, errors) = apply(["useIncomeN1": "on", "taxIncomeN1": "18000"])
        XCTAssertTrue(errors.isEmpty, "\(errors)")
        XCTAssertEqual(form.resources?.retainedIncome.income, 18_000)
        let pieces = DocumentChecklist(for: try form.documentSituation(on: Self.today)).pieces
        XCTAssertTrue(pieces.contains { $0.piece == .avisImpositionN1 && $0.personIndex == 0 })
        // The ceilings are compared with the retained income.
        form.applicant = ApplicantSection(
            lastName: "Essai", birthName: "", firstName: "Léa", birthDate: "1980-01-01", nationality: "fr",
            residencePermit: "", maritalStatus: "celibataire", phone: "", email: "", street: "", postalCode: "",
            city: "")
        let report = RequestRankingFacts.eligibility(
            of: form, zone: .autresRegions, ceilings: .bundled, today: Self.today)
        XCTAssertEqual(report?.income, 18_000)

        (form, errors) = apply(["taxIncomeN1": "18000"])
        XCTAssertEqual(form.resources?.retainedIncome.income, 30_000, "not asked: N-2")
        XCTAssertFalse(
            DocumentChecklist(for: try form.documentSituation(on: Self.today)).pieces.contains {
                $0.piece == .avisImpositionN1
            })
    }
}
