import XCTest

@testable import LogisServer

/// docs/rules/coherence.md « Amounts as typed »: what people type on a phone, kept in whole euros.
final class AmountInputTests: XCTestCase {
    private func read(_ typed: String) -> (value: Int, error: String?) {
        var fields = FormFields(["amount": typed])
        let value = fields.amount("amount", "vos revenus")
        return (value, fields.errors["amount"])
    }

    func testDecimalsAndSpacesAreReadAndRoundedToTheNearestEuroHalfUp() {
        let cases: [(String, Int)] = [
            ("980,50", 981), ("980.50", 981), ("980,49", 980), ("980,5", 981), ("980,", 980), ("1 250", 1250),
            ("1\u{00A0}250,50", 1251), ("1\u{202F}250 €", 1250), ("26500", 26500), ("0,49", 0), ("-0", 0),
        ]
        for (typed, expected) in cases {
            let read = read(typed)
            XCTAssertNil(read.error, typed)
            XCTAssertEqual(read.value, expected, typed)
        }
    }

    func testTextGetsAnExampleAndANegativeNumberItsOwnMessage() {
        for typed in ["abc", "980,505", "1.250", "1,2,3", "12a", ",50", "٣٠٠"] {
            XCTAssertEqual(read(typed).error, "Indiquez un nombre (exemple : 980,50).", typed)
        }
        XCTAssertEqual(read("-980,50").error, "Vos revenus ne peut pas être négatif.")
        XCTAssertEqual(read("99999999999999999999").error, "Montant trop élevé : vérifiez la saisie.")
        XCTAssertEqual(read("20 000 000").error, "Montant trop élevé : vérifiez la saisie.")
    }

    func testTheIncomePageKeepsACommaAmountInWholeEuros() async throws {
        try await withApp(demo: true) { app in
            let token = try await app.newApplicantToken(email: "virgule@exemple.fr")
            var steps = RequestsAPITests.allSteps
            steps["ressources"]?["applicantMonthlyIncome"] = "1 450,50"
            var id = UUID()
            try await app.send(
                .POST, "api/v1/requests",
                beforeRequest: {
                    $0.headers.bearerAuthorization = .init(token: token)
                    try $0.content.encode(["steps": steps])
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .created, res.body.string)
                    struct Created: Decodable { let id: UUID }
                    id = try res.content.decode(Created.self).id
                })
            let stored = try await app.storedRequest(id)
            XCTAssertEqual(stored.form.resources?.applicantMonthlyIncome, 1451)
        }
    }
}
