import XCTVapor

@testable import LogisServer

/// The error summary at the top of a step takes the focus and links to each field, in the order
/// the fields come on the page (not in the alphabetical order of their names).
final class ErrorSummaryTests: XCTestCase {
    func testTheSummaryListsTheErrorsInTheFieldsOrderWithALinkToEach() async throws {
        try await withApp(demo: true) { app in
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            var location = ""
            try await app.send(
                .POST, "guichet/saisie", beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { location = $0.headers.first(name: .location) ?? "" })
            let id = try XCTUnwrap(location.split(separator: "/").dropFirst(2).first)
            // As a browser sends the form: the fields in the page's order, every one of them empty.
            let names =
                ["lastName", "birthName", "firstName", "birthDate", "nationality", "residencePermit"]
                + ["maritalStatus", "street", "postalCode", "city", "phone", "email"]
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/etape/demandeur",
                beforeRequest: { req in
                    Browser.post(&req, form: [:], session: agent)
                    let token = Browser.csrfToken(session: agent)
                    req.body = ByteBuffer(string: (names.map { "\($0)=" } + ["_csrf=\(token)"]).joined(separator: "&"))
                },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .unprocessableEntity)
                    let page = res.body.string
                    let summary = try XCTUnwrap(
                        page.range(of: "id=\"form-error\"").map { String(page[$0.lowerBound...].prefix(3000)) })
                    XCTAssertTrue(summary.contains("autofocus"), "the summary takes the focus")
                    let linked =
                        ["lastName", "firstName", "birthDate", "nationality", "maritalStatus", "street"]
                        + ["postalCode", "city"]
                    let positions = try linked.map { field in
                        try XCTUnwrap(summary.range(of: "<a href=\"#\(field)\">")?.lowerBound, "no link to \(field)")
                    }
                    XCTAssertEqual(positions, positions.sorted(), "the messages follow the fields' order")
                })
        }
    }

    func testErrorsNeverPostedComeFirstAndSortTheRestByPosition() {
        let links = WizardPage.errorLinks(
            ["commune1": "a", "typologies": "b", "surface": "c"], fieldOrder: ["surface", "commune1"])
        XCTAssertEqual(links.map(\.field), ["typology_T1", "surface", "commune1"])
    }
}
