import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Issue 12: the events that change an applicant's situation queue their message in the same
/// transaction — the NUD issued, a piece refused (the CALEOL decision and the offer are checked
/// in CaleolFlowTests).
final class EventMessagesTests: XCTestCase {
    func testANUDIssuedAtADeskIsALetterToThePostalAddress() async throws {
        try await withApp(demo: true) { app in
            let (_, id) = try await app.registeredPaperRequest()
            let messages = try await OutboxMessage.query(on: app.db).filter(\.$requestID == id).all()
            XCTAssertEqual(messages.map(\.template), ["nud-issued"])
            let request = try await app.storedRequest(id)
            let nud = try XCTUnwrap(request.nud)
            XCTAssertEqual(messages.first?.channel, .letter, "a paper request with no account gets a letter")
            XCTAssertTrue(messages.first?.body.contains(nud) == true)
            XCTAssertTrue(messages.first?.recipient.contains("Vauvert") == true, messages.first?.recipient ?? "")
        }
    }

    func testARefusedPieceIsAMessageWithTheDesksComment() async throws {
        try await withApp(demo: true) { app in
            // The demo refuses one of the demo applicant's pieces with a comment (DemoRequests).
            try await app.loadDemoData(requests: true)
            let owner = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            let request = try await HousingRequest.query(on: app.db).filter(\.$account.$id == owner?.id).first()
            let messages = try await OutboxMessage.query(on: app.db).filter(\.$requestID == request?.id)
                .filter(\.$template == "piece-refused").all()
            XCTAssertEqual(messages.count, 1)
            XCTAssertEqual(messages.first?.recipient, "demandeur@demo.logis.fr")
            XCTAssertTrue(messages.first?.body.contains("merci de déposer la dernière reçue") == true)
        }
    }
}
