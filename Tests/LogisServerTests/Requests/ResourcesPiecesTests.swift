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
            ], to: &form, communes: [], today: try CalendarDate(iso: "2026-11-28"))
        XCTAssertTrue(errors.isEmpty, "\(errors)")
        let pieces = DocumentChecklist(for: form.documentSituation(on: try CalendarDate(iso: "2026-11-28"))).pieces
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
