import Fluent
import LogisCore
import XCTVapor

@testable import LogisServer

/// Issue 13 §5: the paper entry speaks to the agent about « le demandeur »; the wizard's checks,
/// written for the applicant (« votre nom »), reach the agent reworded.
final class PaperEntryWordingTests: XCTestCase {
    func testTheMessagesOfAnEmptyIdentityPageSpeakOfTheApplicant() async throws {
        try await withApp(demo: true) { app in
            let agent = try await Browser.signIn(app, email: "enregistreur@demo.logis.fr", password: DemoData.password)
            var location = ""
            try await app.send(
                .POST, "guichet/saisie", beforeRequest: { Browser.post(&$0, form: [:], session: agent) },
                afterResponse: { location = $0.headers.first(name: .location) ?? "" })
            let id = try XCTUnwrap(location.split(separator: "/").dropFirst(2).first)
            var body = ""
            try await app.send(
                .POST, "guichet/demandes/\(id)/saisie/etape/demandeur",
                beforeRequest: { Browser.post(&$0, form: ["lastName": ""], session: agent) },
                afterResponse: {
                    XCTAssertEqual($0.status, .unprocessableEntity)
                    body = $0.body.string
                })
            XCTAssertTrue(body.contains("le nom du demandeur"), body)
            XCTAssertTrue(body.contains("la date de naissance du demandeur"), body)
            XCTAssertFalse(body.contains("votre nom"), "the agent is not the applicant")
            XCTAssertFalse(body.contains("votre date de naissance"))
        }
    }

    func testEveryCoherenceMessageIsReworded() {
        let samples = [
            "Vous vous dites « célibataire » mais votre co-demandeur est indiqué comme conjoint(e) marié(e) avec "
                + "vous : corrigez votre situation familiale (étape 1) ou le lien avec le co-demandeur (étape 2).",
            "Léa est indiqué(e) comme votre enfant mais serait né(e) avant vous et votre co-demandeur : vérifiez.",
            "Vous ne déclarez pas de co-demandeur (étape 2) mais ses revenus comptent dans vos ressources : "
                + "enregistrez de nouveau l’étape 5 ou ajoutez votre co-demandeur.",
        ]
        for sample in samples {
            let reworded = AgentWording.aboutApplicant(sample)
            XCTAssertNil(reworded.range(of: #"\b([Vv]ous|[Vv]otre|[Vv]os)\b"#, options: .regularExpression), reworded)
        }
        XCTAssertEqual(
            AgentWording.aboutApplicant("Léa est indiqué(e) comme votre enfant mais serait né(e) avant vous : x"),
            "Léa est indiqué(e) comme enfant du demandeur mais serait né(e) avant le demandeur : x")
    }
}
