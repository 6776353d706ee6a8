import Foundation
import LogisCore
import XCTest

@testable import LogisServer

final class CaleolMinutesPDFTests: XCTestCase {
    func testMinutesStateMembersDecisionsMotivesAndNotification() throws {
        let content = try minutes(dwellings: [
            .init(
                reference: "LGT-0042", residence: "Les Tilleuls", commune: "Nîmes",
                description: "T3 PLUS, 454 € charges comprises, cœur de ville",
                decisions: [
                    decision("030112600001FSPCV", "Attribution en rang 1", votes: "2 pour, 2 contre", casting: true),
                    decision(
                        "030112600002ABCDE", "Non-attribution", votes: "4 pour",
                        motif: "Ressources supérieures au plafond PLUS"),
                    decision(
                        "030112600003FGHIJ", "Attribution sous condition suspensive en rang 2",
                        votes: "3 pour, 1 abstention",
                        condition: "Pièce manquante : avis d’imposition 2025 avant le 15/01/2027"),
                ]),
            .init(
                reference: "LGT-0043", residence: "Le Mas d’Ô", commune: "Alès", description: "T2 PLAI, 380 €",
                decisions: [
                    decision("030112600004KLMNO", "Rejet pour irrecevabilité", votes: "4 pour", motif: "Hors plafond")
                ]),
        ])

        let text = normalized(try PDFText.extract(try CaleolMinutesPDF.pdf(content)))

        for expected in [
            "Procès-verbal de la commission d’attribution des logements", "(CALEOL)", "CALEOL Gard Sud",
            "Habitat du Gard",
            "12/01/2027", "en présentiel", "Jeanne Martin", "Paul Durand", "Lukasz Nowak", "voix délibérative",
            "voix consultative", "Le quorum est atteint", "Le maire de Nîmes, le logement étant situé sur sa commune",
            "LGT-0042 – Les Tilleuls, Nîmes", "454 € charges comprises, cœur de ville", "LGT-0043 – Le Mas d’Ô, Alès",
            "NUD 030112600001FSPCV : Attribution en rang 1", "Votes : 2 pour, 2 contre (voix prépondérante)",
            "NUD 030112600002ABCDE : Non-attribution", "Motif : Ressources supérieures au plafond PLUS",
            "NUD 030112600003FGHIJ : Attribution sous condition suspensive en rang 2",
            "Condition : Pièce manquante : avis d’imposition 2025 avant le 15/01/2027",
            "NUD 030112600004KLMNO : Rejet pour irrecevabilité", "Motif : Hors plafond",
            "Chaque décision est notifiée par écrit au demandeur ; les décisions de refus sont motivées (CCH L441-2-2).",
            "Fait le 12/01/2027", "Le président de séance", "Le secrétaire de séance",
        ] {
            XCTAssertTrue(text.contains(expected), "missing « \(expected) » in:\n\(text)")
        }
        // Only the casting-vote decision says so.
        XCTAssertEqual(text.components(separatedBy: "(voix prépondérante)").count - 1, 1)
        XCTAssertFalse(text.contains("?"), "a character fell outside WinAnsi:\n\(text)")
    }

    func testFortyCandidatesFlowOntoSeveralPages() throws {
        let nuds = (1...40).map { String(format: "0301126%05dFSPCV", $0) }
        let content = try minutes(dwellings: [
            .init(
                reference: "LGT-0100", residence: "Les Arènes", commune: "Nîmes", description: "T4 PLUS, 610 €",
                decisions: nuds.map {
                    decision(
                        $0, "Non-attribution", votes: "4 pour", motif: "Typologie inadaptée à la composition du foyer")
                })
        ])

        let data = try CaleolMinutesPDF.pdf(content)
        let raw = String(decoding: data, as: UTF8.self)
        XCTAssertGreaterThan(raw.components(separatedBy: "/Type /Page ").count - 1, 1)
        let text = normalized(try PDFText.extract(data))
        XCTAssertTrue(text.contains("NUD \(nuds[39]) : Non-attribution"))
        XCTAssertTrue(text.contains("Page 2 /"))
        XCTAssertTrue(text.contains("Fait le 12/01/2027"))
    }

    func testCharactersOutsideWinAnsiAreTransliterated() {
        XCTAssertEqual(CaleolMinutesPDF.encodable("Łukasz Ștefan Kővári ≥ 3"), "Lukasz Stefan Kovári >= 3")
        XCTAssertEqual(CaleolMinutesPDF.encodable("« œuvre » l’€"), "« œuvre » l’€")
        XCTAssertEqual(CaleolMinutesPDF.encodable("日本"), "??")
    }

    // MARK: Fixtures

    private func minutes(dwellings: [CaleolMinutesContent.Dwelling]) throws -> CaleolMinutesContent {
        CaleolMinutesContent(
            commission: "CALEOL Gard Sud", bailleur: "Habitat du Gard", territory: "Gard (30)",
            heldOn: try CalendarDate(year: 2027, month: 1, day: 12), mode: "en présentiel",
            castingVote: "Le maire de Nîmes, le logement étant situé sur sa commune (CCH L441-2).",
            quorumReached: true,
            members: [
                .init(name: "Jeanne Martin", role: "Représentant du bailleur", attendance: "présent", votes: true),
                .init(
                    name: "Paul Durand", role: "Maire de la commune ou son représentant", attendance: "représenté",
                    votes: true),
                .init(name: "Łukasz Nowak", role: "Représentant des locataires", attendance: "présent", votes: true),
                .init(
                    name: "Claire Petit", role: "Réservataire (voix consultative)", attendance: "absent", votes: false),
            ],
            dwellings: dwellings, producedOn: try CalendarDate(year: 2027, month: 1, day: 13))
    }

    private func decision(
        _ nud: String, _ label: String, votes: String, casting: Bool = false, motif: String? = nil,
        condition: String? = nil
    ) -> CaleolMinutesContent.Decision {
        .init(nud: nud, decision: label, motif: motif, condition: condition, votes: votes, byCastingVote: casting)
    }

    /// pdftotext breaks wrapped lines and pages: compare text with every run of whitespace as one space.
    private func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
