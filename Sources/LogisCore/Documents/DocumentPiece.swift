/// A supporting document (pièce justificative) of the arrêté du 19 avril 2022, as listed in seed
/// 003 ("Les pièces justificatives à fournir"). The raw value is the stable code.
public enum DocumentPiece: String, CaseIterable, Sendable, Codable {
    // Pièces obligatoires (registration).
    case pieceIdentite = "piece_identite"
    case titreSejour = "titre_sejour"
    // Situation économique.
    case avisImpositionN2 = "avis_imposition_n2"
    case avisImpositionN1 = "avis_imposition_n1"
    case attestationFiscaleEtranger = "attestation_fiscale_etranger"
    case justificatifsRevenusRefugie = "justificatifs_revenus_refugie"
    case revenusParentsN2 = "revenus_parents_n2"
    // Situation familiale.
    case justificatifMariage = "justificatif_mariage"
    case attestationPacs = "attestation_pacs"
    case justificatifDivorceSeparation = "justificatif_divorce_separation"
    case justificatifRupturePacs = "justificatif_rupture_pacs"
    case livretFamilleEnfants = "livret_famille_enfants"
    case certificatGrossesse = "certificat_grossesse"
    // Situation professionnelle.
    case bulletinsSalaire = "bulletins_salaire"
    case bilanNonSalarie = "bilan_non_salarie"
    case agrementAssistantMaternel = "agrement_assistant_maternel"
    case attestationCafMsa = "attestation_caf_msa"
    case avisPaiementFranceTravail = "avis_paiement_france_travail"
    case justificatifRepriseActivite = "justificatif_reprise_activite"
    case carteEtudiant = "carte_etudiant"
    case contratApprentissage = "contrat_apprentissage"
    case notificationPension = "notification_pension"
    case bulletinIndemnitesJournalieres = "bulletin_indemnites_journalieres"
    case justificatifPensionAlimentaire = "justificatif_pension_alimentaire"
    // Situation résidentielle.
    case quittanceLoyer = "quittance_loyer"
    case attestationHebergement = "attestation_hebergement"
    case acteDePropriete = "acte_propriete"
    case attestationDomiciliation = "attestation_domiciliation"
    // Motif de la demande.
    case justificatifAbsenceLogement = "justificatif_absence_logement"
    case lettreConge = "lettre_conge"
    case justificatifCoutLogement = "justificatif_cout_logement"
    case justificatifViolences = "justificatif_violences"
    case justificatifHandicap = "justificatif_handicap"
    case justificatifDifficultesProprietaire = "justificatif_difficultes_proprietaire"
    case justificatifLogementIndigne = "justificatif_logement_indigne"
    case justificatifExpulsion = "justificatif_expulsion"
    case certificatMedical = "certificat_medical"
    case attestationEmployeurMutation = "attestation_employeur_mutation"
    case justificatifLieuTravail = "justificatif_lieu_travail"
    case attestationASE = "attestation_ase"
    case attestationEmployeurActionLogement = "attestation_employeur_action_logement"

    public var code: String { rawValue }

    /// The label a person reads for a request of year `year`: the tax years named by their year
    /// (« Avis d’imposition 2025 sur les revenus 2024 ») rather than « N-2 ».
    public func label(year: Int) -> String {
        switch self {
        case .avisImpositionN2: "Avis d’imposition \(year - 1) sur les revenus \(year - 2)"
        case .avisImpositionN1: "Avis d’imposition \(year) sur les revenus \(year - 1), vos revenus ayant baissé"
        case .attestationFiscaleEtranger:
            "Attestation fiscale du pays de résidence pour l’année \(year - 2), traduite en français"
        case .revenusParentsN2: "Revenus \(year - 2) des parents (jeune encore à leur charge fiscale)"
        default: label
        }
    }

    public var label: String {
        switch self {
        case .pieceIdentite:
            "Pièce d’identité : carte nationale d’identité ou passeport, ou livret de famille, ou acte de naissance "
                + "(le cas échéant, jugement de tutelle ou de curatelle)"
        case .titreSejour: "Titre de séjour en cours de validité, ou récépissé de demande de renouvellement"
        case .avisImpositionN2: "Avis d’imposition de l’avant-dernière année (N-2)"
        case .avisImpositionN1: "Avis d’imposition de l’année dernière (N-1), vos revenus ayant baissé"
        case .attestationFiscaleEtranger:
            "Attestation fiscale du pays de résidence pour l’année N-2, traduite en français"
        case .justificatifsRevenusRefugie:
            "Justificatifs de tous les revenus perçus depuis l’entrée en France ou des 12 derniers mois"
        case .revenusParentsN2: "Revenus N-2 des parents (jeune encore à leur charge fiscale)"
        case .justificatifMariage: "Livret de famille ou document équivalent démontrant le mariage"
        case .attestationPacs: "Attestation d’enregistrement du PACS"
        case .justificatifDivorceSeparation:
            "Jugement de divorce ou convention homologuée, ordonnance de non-conciliation ou, à défaut, récépissé de "
                + "saisine du juge aux affaires familiales ou justificatif d’un avocat attestant la procédure en cours"
        case .justificatifRupturePacs:
            "Déclaration judiciaire de rupture de PACS, ou mention de la dissolution du PACS dans l’acte de naissance"
        case .livretFamilleEnfants: "Livret de famille ou acte de naissance des enfants"
        case .certificatGrossesse: "Certificat médical attestant que la grossesse est supérieure à 12 semaines"
        case .bulletinsSalaire: "Bulletins de salaire des trois derniers mois ou attestation de l’employeur"
        case .bilanNonSalarie:
            "Dernier bilan ou attestation du comptable évaluant le salaire mensuel perçu, ou tout document comptable "
                + "habituellement fourni à l’administration"
        case .agrementAssistantMaternel: "Agrément d’assistant(e) maternel(le) ou familial(e)"
        case .attestationCafMsa:
            "Attestation de la Caisse d’allocations familiales (CAF) ou de la Mutualité sociale agricole (MSA)"
        case .avisPaiementFranceTravail: "Avis de paiement de France Travail (ex-Pôle emploi)"
        case .justificatifRepriseActivite:
            "Carte de demandeur d’emploi ou attestation de situation, et document attestant de la reprise d’une activité"
        case .carteEtudiant: "Carte d’étudiant et, le cas échéant, avis d’attribution de bourse"
        case .contratApprentissage: "Contrat de travail (apprentissage)"
        case .notificationPension: "Notification de pension (retraite ou invalidité)"
        case .bulletinIndemnitesJournalieres: "Bulletin de la Sécurité sociale (indemnités journalières)"
        case .justificatifPensionAlimentaire:
            "Extrait de jugement ou autre document démontrant la perception d’une pension alimentaire"
        case .quittanceLoyer:
            "Quittance de loyer ou, à défaut, attestation du bailleur indiquant que le locataire est à jour de ses "
                + "loyers et charges"
        case .attestationHebergement: "Attestation de la personne qui héberge ou de la structure d’hébergement"
        case .acteDePropriete: "Acte de propriété, plan de financement"
        case .attestationDomiciliation:
            "Attestation d’un travailleur social, d’une association, ou certificat de domiciliation"
        case .justificatifAbsenceLogement:
            "Document attestant de l’absence de logement (attestation d’un travailleur social, d’une association, "
                + "ou certificat de domiciliation)"
        case .lettreConge: "Lettre de congé du propriétaire ou jugement prononçant la résiliation du bail"
        case .justificatifCoutLogement: "Quittance ou autre document démontrant les dépenses affectées au logement"
        case .justificatifViolences:
            "Décision du juge, ordonnance de protection délivrée par le juge aux affaires familiales, ou récépissé "
                + "de dépôt de plainte"
        case .justificatifHandicap:
            "Carte d’invalidité ou décision d’une commission administrative compétente (CDES, COTOREP, CDAPH) ou "
                + "d’un organisme de sécurité sociale"
        case .justificatifDifficultesProprietaire:
            "Plan d’apurement de la dette, démarches attestées par un travailleur social ou une association, ou autre "
                + "document démontrant les difficultés"
        case .justificatifLogementIndigne:
            "Document établi par un service public, un travailleur social, un professionnel du bâtiment ou une "
                + "association, photos, jugement ou arrêté démontrant l’indécence ou l’insalubrité du logement"
        case .justificatifExpulsion:
            "Commandement de payer, assignation à comparaître, jugement prononçant l’expulsion ou commandement de "
                + "quitter les lieux"
        case .certificatMedical: "Certificat médical"
        case .attestationEmployeurMutation: "Attestation de l’employeur actuel ou futur (mutation professionnelle)"
        case .justificatifLieuTravail: "Pièce justifiant de la localisation de l’emploi actuel ou futur"
        case .attestationASE:
            "Attestation du conseil départemental ou extrait d’une décision judiciaire établissant une prise en charge "
                + "par l’Aide sociale à l’enfance (ASE)"
        case .attestationEmployeurActionLogement:
            "Attestation de l’employeur (salarié d’une entreprise du secteur privé cotisant à Action Logement)"
        }
    }
}

extension DocumentPiece {
    /// The label of a checklist key such as `piece_identite@1` (a piece of the second person);
    /// the key itself when the code is unknown (priority evidence has its own labels).
    public static func label(ofKey key: String) -> String {
        let code = key.split(separator: "@").first.map(String.init) ?? key
        return DocumentPiece(rawValue: code)?.label ?? key
    }
}
