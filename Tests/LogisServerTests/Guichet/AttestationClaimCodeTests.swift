import Fluent
import XCTVapor

@testable import LogisServer

/// Reading an attestation changes nothing; only a POST issues a new claim code.
final class AttestationClaimCodeTests: XCTestCase {
    func testReprintingTheAttestationKeepsTheCodeAndAPostIssuesANewOne() async throws {
        try await withApp(demo: true) { app in
            let (agent, id) = try await app.registeredPaperRequest()
            try await app.send(
                .POST, "guichet/demandes/\(id)/attestation.pdf",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { res in
                    XCTAssertEqual(res.status, .ok)
                    XCTAssertEqual(res.headers.contentType, .pdf)
                })
            let issued = try await app.storedRequest(id).claimCodeHash
            XCTAssertNotNil(issued, "the POST printed a code")
            for _ in 0..<2 {
                try await app.send(
                    .GET, "guichet/demandes/\(id)/attestation.pdf", beforeRequest: { Browser.withSession(&$0, agent) },
                    afterResponse: { XCTAssertEqual($0.status, .ok) })
            }
            let afterReprints = try await app.storedRequest(id).claimCodeHash
            XCTAssertEqual(afterReprints, issued, "a GET never replaces the code the person holds")
            try await app.send(
                .POST, "guichet/demandes/\(id)/attestation.pdf",
                beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { XCTAssertEqual($0.status, .ok) })
            let renewed = try await app.storedRequest(id).claimCodeHash
            XCTAssertNotEqual(renewed, issued)
        }
    }
}
