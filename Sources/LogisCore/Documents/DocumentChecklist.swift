/// When a piece is needed: to register the request, or before the CALEOL examines it.
public enum DocumentLevel: String, Sendable, Codable {
    /// Arrêté du 19 avril 2022: only identity (and right of stay) may be required to register.
    case registration
    /// Needed for the instruction of the request by the landlords.
    case instruction
}

/// One piece required for a request.
public struct RequiredPiece: Sendable, Hashable, Encodable {
    public let piece: DocumentPiece
    public let level: DocumentLevel
    /// Index in `RequestSituation.persons` when the piece is per person; `nil` for the household.
    public let personIndex: Int?

    public var code: String { piece.code }
    public var label: String { piece.label }

    private enum CodingKeys: String, CodingKey {
        case code, label, level, personIndex
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(label, forKey: .label)
        try container.encode(level, forKey: .level)
        try container.encode(personIndex, forKey: .personIndex)
    }
}

/// The pieces a request needs, derived from its situation (arrêté du 19 avril 2022, seed 003 list).
public struct DocumentChecklist: Sendable, Equatable, Encodable {
    /// Registration pieces first, then instruction pieces; household pieces before per-person ones
    /// within each section of the seed's list.
    public let pieces: [RequiredPiece]

    public init(for situation: RequestSituation) {
        var builder = ChecklistBuilder()
        builder.addRegistrationPieces(situation)
        builder.addEconomicPieces(situation)
        builder.addFamilyPieces(situation)
        builder.addProfessionalPieces(situation)
        builder.addResidentialPieces(situation)
        builder.addMotifPieces(situation)
        pieces = builder.pieces
    }

    public var registration: [RequiredPiece] { pieces.filter { $0.level == .registration } }
    public var instruction: [RequiredPiece] { pieces.filter { $0.level == .instruction } }

    /// The pieces not yet provided (provided pieces are matched by piece and person).
    public func missing(provided: [(piece: DocumentPiece, personIndex: Int?)]) -> [RequiredPiece] {
        pieces.filter { required in
            !provided.contains { $0.piece == required.piece && $0.personIndex == required.personIndex }
        }
    }
}

/// Accumulates pieces without duplicates, in order.
struct ChecklistBuilder {
    private(set) var pieces: [RequiredPiece] = []

    mutating func add(_ piece: DocumentPiece, _ level: DocumentLevel = .instruction, person: Int? = nil) {
        let required = RequiredPiece(piece: piece, level: level, personIndex: person)
        if !pieces.contains(required) { pieces.append(required) }
    }

    func has(_ piece: DocumentPiece) -> Bool {
        pieces.contains { $0.piece == piece }
    }

    /// Seed 003 "Pièces obligatoires": an identity piece per adult; for a non-EU national the titre
    /// de séjour, which is itself one of the seed's identity pieces. Nothing else may be asked.
    mutating func addRegistrationPieces(_ situation: RequestSituation) {
        for (index, person) in situation.persons.enumerated() where person.adult {
            add(person.nationality == .other ? .titreSejour : .pieceIdentite, .registration, person: index)
        }
    }

    /// "Situation économique": proof of N-2 income for every adult to be housed.
    mutating func addEconomicPieces(_ situation: RequestSituation) {
        for (index, person) in situation.persons.enumerated() where person.adult {
            switch person.incomeEvidence {
            case .avisImposition:
                add(.avisImpositionN2, person: index)
                if situation.incomeOfLastYear { add(.avisImpositionN1, person: index) }
            case .foreignTaxResidence: add(.attestationFiscaleEtranger, person: index)
            case .refugeeOrProtected: add(.justificatifsRevenusRefugie, person: index)
            case .parentsTaxHousehold: add(.revenusParentsN2, person: index)
            }
        }
    }

    /// "Situation familiale".
    mutating func addFamilyPieces(_ situation: RequestSituation) {
        switch situation.maritalStatus {
        case .marie: add(.justificatifMariage)
        case .pacse: add(.attestationPacs)
        case .divorce, .separation: add(.justificatifDivorceSeparation)
        case .rupturePacs: add(.justificatifRupturePacs)
        case .celibataire, .concubinage, .veuf: break
        }
        if situation.motifs.contains(.divorceSeparation), !has(.justificatifRupturePacs) {
            add(.justificatifDivorceSeparation)
        }
        if situation.persons.contains(where: { $0.role == .enfant }) { add(.livretFamilleEnfants) }
        if situation.pregnancy { add(.certificatGrossesse) }
    }

    /// "Situation professionnelle", per adult.
    mutating func addProfessionalPieces(_ situation: RequestSituation) {
        for (index, person) in situation.persons.enumerated() where person.adult {
            if let work = person.professionalSituation {
                for piece in Self.pieces(for: work) { add(piece, person: index) }
            }
            if person.receivesDailyAllowances { add(.bulletinIndemnitesJournalieres, person: index) }
            if person.receivesAlimony { add(.justificatifPensionAlimentaire, person: index) }
            // Reading (docs/rules/documents.md): the employer's attestation opens Action Logement's flux.
            if person.actionLogement { add(.attestationEmployeurActionLogement, person: index) }
        }
        if situation.socialBenefits { add(.attestationCafMsa) }
    }

    static func pieces(for work: ProfessionalSituation) -> [DocumentPiece] {
        switch work {
        case .cdi, .cdd, .interim: [.bulletinsSalaire]
        case .apprenti: [.bulletinsSalaire, .contratApprentissage]
        case .assistantMaternel: [.bulletinsSalaire, .agrementAssistantMaternel]
        case .nonSalarie: [.bilanNonSalarie]
        case .chomage: [.avisPaiementFranceTravail]
        case .repriseActivite: [.justificatifRepriseActivite]
        case .etudiant: [.carteEtudiant]
        case .retraite, .invalidite: [.notificationPension]
        case .sansEmploi, .autre: []
        }
    }

    /// "Situation résidentielle".
    mutating func addResidentialPieces(_ situation: RequestSituation) {
        switch situation.housingStatus {
        case .locataireHLM, .locatairePrive: add(.quittanceLoyer)
        case .heberge, .structureHebergement: add(.attestationHebergement)
        case .proprietaire: add(.acteDePropriete)
        case .campingHotel, .sansAbri: add(.attestationDomiciliation)
        case .logementDeFonction, .autre: break
        }
    }

    /// "Motif de la demande", plus the per-person situations (handicap, ASE).
    mutating func addMotifPieces(_ situation: RequestSituation) {
        for motif in situation.motifs {
            switch motif {
            case .sansLogement:
                // The domiciliation certificate already proves it.
                if !has(.attestationDomiciliation) { add(.justificatifAbsenceLogement) }
            case .congeVente: add(.lettreConge)
            case .logementTropCher:
                // A tenant's rent receipt already shows the cost.
                if !has(.quittanceLoyer) { add(.justificatifCoutLogement) }
            case .violencesFamiliales: add(.justificatifViolences)
            case .difficultesProprietaire: add(.justificatifDifficultesProprietaire)
            case .logementIndigne: add(.justificatifLogementIndigne)
            case .expulsion: add(.justificatifExpulsion)
            case .raisonsDeSante: add(.certificatMedical)
            case .mutationProfessionnelle: add(.attestationEmployeurMutation)
            case .rapprochementTravail: add(.justificatifLieuTravail)
            case .handicap, .logementTropPetit, .divorceSeparation, .rapprochementFamilial, .demolition,
                .decohabitation, .autre:
                break
            }
        }
        if situation.violence { add(.justificatifViolences) }
        let disabled = situation.persons.indices.filter { situation.persons[$0].disabled }
        for index in disabled { add(.justificatifHandicap, person: index) }
        if disabled.isEmpty, situation.motifs.contains(.handicap) { add(.justificatifHandicap) }
        for (index, person) in situation.persons.enumerated() where person.formerASE {
            add(.attestationASE, person: index)
        }
    }
}
