import Foundation
import LogisCore
import Testing

@Suite("Document checklist (arrêté du 19 avril 2022, seed 003 « Les pièces justificatives »)")
struct DocumentChecklistTests {
    func keys(_ pieces: [RequiredPiece]) -> [String] {
        pieces.map { piece in piece.personIndex.map { "\(piece.code)#\($0)" } ?? piece.code }
    }

    @Test("Registration: an identity piece per adult, a titre de séjour for a non-EU adult, nothing else")
    func registrationPieces() {
        let situation = RequestSituation(
            persons: [
                PersonSituation(role: .demandeur, nationality: .france, professionalSituation: .cdi),
                PersonSituation(role: .coDemandeur, nationality: .other, professionalSituation: .chomage),
                PersonSituation(role: .enfant),
                PersonSituation(
                    role: .autre, adult: true, nationality: .europeanUnion, professionalSituation: .retraite),
            ],
            maritalStatus: .marie, housingStatus: .heberge, motifs: [.expulsion, .violencesFamiliales],
            violence: true, pregnancy: true, socialBenefits: true)
        let checklist = DocumentChecklist(for: situation)
        #expect(keys(checklist.registration) == ["piece_identite#0", "titre_sejour#1", "piece_identite#3"])
        #expect(checklist.registration.allSatisfy { $0.level == .registration })
        #expect(checklist.instruction.allSatisfy { $0.level == .instruction })
    }

    @Test("A single salaried tenant: identity, tax notice, pay slips, rent receipt")
    func singleTenant() {
        let checklist = DocumentChecklist(
            for: RequestSituation(
                persons: [PersonSituation(role: .demandeur, professionalSituation: .cdd)],
                housingStatus: .locatairePrive))
        #expect(
            keys(checklist.pieces) == [
                "piece_identite#0", "avis_imposition_n2#0", "bulletins_salaire#0", "quittance_loyer",
            ])
    }

    @Test("A family in a complex situation gets every complementary piece, per person where per person")
    func complexFamily() {
        let situation = RequestSituation(
            persons: [
                PersonSituation(role: .demandeur, professionalSituation: .assistantMaternel, receivesAlimony: true),
                PersonSituation(
                    role: .coDemandeur, nationality: .other, professionalSituation: .etudiant, disabled: true,
                    actionLogement: true, incomeEvidence: .foreignTaxResidence),
                PersonSituation(role: .enfant),
                PersonSituation(
                    role: .autre, adult: true, professionalSituation: .apprenti, formerASE: true,
                    incomeEvidence: .parentsTaxHousehold),
            ],
            maritalStatus: .pacse, housingStatus: .sansAbri,
            motifs: [.sansLogement, .raisonsDeSante, .rapprochementTravail],
            pregnancy: true, socialBenefits: true)
        #expect(
            keys(DocumentChecklist(for: situation).pieces) == [
                "piece_identite#0", "titre_sejour#1", "piece_identite#3",
                "avis_imposition_n2#0", "attestation_fiscale_etranger#1", "revenus_parents_n2#3",
                "attestation_pacs", "livret_famille_enfants", "certificat_grossesse",
                "bulletins_salaire#0", "agrement_assistant_maternel#0", "justificatif_pension_alimentaire#0",
                "carte_etudiant#1", "attestation_employeur_action_logement#1",
                "bulletins_salaire#3", "contrat_apprentissage#3", "attestation_caf_msa",
                "attestation_domiciliation",
                "certificat_medical", "justificatif_lieu_travail",
                "justificatif_handicap#1", "attestation_ase#3",
            ])
    }

    static let situations: [(String, RequestSituation, [String])] = [
        (
            "divorcé(e)", .init(persons: [.init(role: .demandeur)], maritalStatus: .divorce),
            ["justificatif_divorce_separation"]
        ),
        (
            "instance de séparation", .init(persons: [.init(role: .demandeur)], maritalStatus: .separation),
            ["justificatif_divorce_separation"]
        ),
        (
            "rupture de PACS", .init(persons: [.init(role: .demandeur)], maritalStatus: .rupturePacs),
            ["justificatif_rupture_pacs"]
        ),
        ("marié(e)", .init(persons: [.init(role: .demandeur)], maritalStatus: .marie), ["justificatif_mariage"]),
        ("propriétaire", .init(persons: [.init(role: .demandeur)], housingStatus: .proprietaire), ["acte_propriete"]),
        (
            "hébergé(e) en structure", .init(persons: [.init(role: .demandeur)], housingStatus: .structureHebergement),
            ["attestation_hebergement"]
        ),
        (
            "camping ou hôtel", .init(persons: [.init(role: .demandeur)], housingStatus: .campingHotel),
            ["attestation_domiciliation"]
        ),
        (
            "violences familiales", .init(persons: [.init(role: .demandeur)], motifs: [.violencesFamiliales]),
            ["justificatif_violences"]
        ),
        (
            "violence flag without motif", .init(persons: [.init(role: .demandeur)], violence: true),
            ["justificatif_violences"]
        ),
        ("expulsion", .init(persons: [.init(role: .demandeur)], motifs: [.expulsion]), ["justificatif_expulsion"]),
        (
            "logement repris ou mis en vente", .init(persons: [.init(role: .demandeur)], motifs: [.congeVente]),
            ["lettre_conge"]
        ),
        (
            "logement indigne", .init(persons: [.init(role: .demandeur)], motifs: [.logementIndigne]),
            ["justificatif_logement_indigne"]
        ),
        (
            "propriétaire en difficulté",
            .init(persons: [.init(role: .demandeur)], housingStatus: .proprietaire, motifs: [.difficultesProprietaire]),
            ["acte_propriete", "justificatif_difficultes_proprietaire"]
        ),
        (
            "mutation professionnelle", .init(persons: [.init(role: .demandeur)], motifs: [.mutationProfessionnelle]),
            ["attestation_employeur_mutation"]
        ),
        (
            "handicap as a motif only", .init(persons: [.init(role: .demandeur)], motifs: [.handicap]),
            ["justificatif_handicap"]
        ),
        (
            "logement trop cher, hébergé",
            .init(persons: [.init(role: .demandeur)], housingStatus: .heberge, motifs: [.logementTropCher]),
            ["attestation_hebergement", "justificatif_cout_logement"]
        ),
        (
            "logement trop cher, tenant: the rent receipt suffices",
            .init(persons: [.init(role: .demandeur)], housingStatus: .locataireHLM, motifs: [.logementTropCher]),
            ["quittance_loyer"]
        ),
        (
            "sans logement, hébergé",
            .init(persons: [.init(role: .demandeur)], housingStatus: .heberge, motifs: [.sansLogement]),
            ["attestation_hebergement", "justificatif_absence_logement"]
        ),
    ]

    @Test("Household pieces by situation", arguments: situations)
    func householdPieces(_ name: String, _ situation: RequestSituation, _ expected: [String]) {
        let householdPieces = DocumentChecklist(for: situation).pieces.filter { $0.personIndex == nil }
        #expect(householdPieces.map(\.code) == expected)
    }

    static let work: [(ProfessionalSituation, [String])] = [
        (.cdi, ["bulletins_salaire"]), (.interim, ["bulletins_salaire"]), (.nonSalarie, ["bilan_non_salarie"]),
        (.chomage, ["avis_paiement_france_travail"]), (.repriseActivite, ["justificatif_reprise_activite"]),
        (.retraite, ["notification_pension"]), (.invalidite, ["notification_pension"]), (.sansEmploi, []),
    ]

    @Test("Professional situation pieces (seed 003 « Situation professionnelle »)", arguments: work)
    func professionalPieces(_ situation: ProfessionalSituation, _ expected: [String]) {
        let checklist = DocumentChecklist(
            for: RequestSituation(persons: [
                .init(role: .demandeur, professionalSituation: situation, incomeEvidence: .refugeeOrProtected)
            ]))
        let pieces = checklist.pieces.filter { $0.personIndex == 0 }.map(\.code)
        #expect(pieces == ["piece_identite", "justificatifs_revenus_refugie"] + expected)
    }

    @Test func dailyAllowances() {
        let checklist = DocumentChecklist(
            for: RequestSituation(persons: [.init(role: .demandeur, receivesDailyAllowances: true)]))
        #expect(checklist.pieces.contains { $0.piece == .bulletinIndemnitesJournalieres && $0.personIndex == 0 })
    }

    @Test("Missing pieces are those not provided, matched by person")
    func missing() {
        let checklist = DocumentChecklist(
            for: RequestSituation(
                persons: [.init(role: .demandeur), .init(role: .coDemandeur)], housingStatus: .heberge))
        let missing = checklist.missing(provided: [(.pieceIdentite, 0), (.avisImpositionN2, 1)])
        #expect(keys(missing) == ["piece_identite#1", "avis_imposition_n2#0", "attestation_hebergement"])
    }

    @Test("Situations decode from JSON with defaults, and pieces encode with code, label, level, personIndex")
    func json() throws {
        let situation = try JSONDecoder().decode(
            RequestSituation.self,
            from: Data(#"{"persons":[{"role":"demandeur","nationality":"other"}],"housingStatus":"sans_abri"}"#.utf8))
        let checklist = DocumentChecklist(for: situation)
        #expect(keys(checklist.pieces) == ["titre_sejour#0", "avis_imposition_n2#0", "attestation_domiciliation"])
        let encoded = RuleJSON.string(checklist.pieces[2])
        #expect(encoded.contains(#""code":"attestation_domiciliation""#))
        #expect(encoded.contains(#""personIndex":null"#))
        #expect(encoded.contains(#""level":"instruction""#))
    }

    @Test func everyPieceHasAFrenchLabelAndASnakeCaseCode() {
        for piece in DocumentPiece.allCases {
            #expect(!piece.label.isEmpty)
            #expect(piece.code.allSatisfy { $0 == "_" || $0.isLowercase || $0.isNumber })
        }
    }
}
