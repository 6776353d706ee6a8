import Fluent
import LogisCore
import Vapor

/// DOMAIN.md §5 (arrêté du 19 avril 2022): the identity piece of each adult — the titre de séjour
/// for a national of a country outside the EU/EEA/Switzerland — is required to register, and it is
/// the only piece that may be. Online, the NUD waits for it; at a desk, the agent has the paper in
/// hand, and only marking the file checked waits for the scan (docs/rules/documents.md).
enum RegistrationPieces {
    /// The registration pieces not yet provided, or refused, each with its person, in short:
    /// « pièce d’identité de Élise ».
    static func lacking(in request: HousingRequest, on db: any Database, today: CalendarDate) async throws -> [String] {
        try await ChecklistView.build(for: request, on: db, today: today).checklist
            .filter { $0.level == DocumentLevel.registration.rawValue && ["manquante", "refusee"].contains($0.status) }
            .map { item in
                let piece =
                    item.code.hasPrefix(DocumentPiece.titreSejour.rawValue) ? "titre de séjour" : "pièce d’identité"
                return "\(piece) de \(item.personLabel ?? "la personne \((item.personIndex ?? 0) + 1)")"
            }
    }

    /// The applicant's online submission: the refusal names each missing piece and where to add it.
    static func requireForOnlineSubmission(_ request: HousingRequest, on req: Request) async throws {
        let lacking = try await lacking(in: request, on: req.db, today: req.today)
        guard !lacking.isEmpty else { return }
        throw LogisError(
            .unprocessableEntity, code: .registrationPiecesMissing,
            message: "Avant de déposer votre demande, ajoutez la pièce d’identité de chaque adulte du foyer. "
                + "À déposer, ou à remplacer si elle a été refusée : \(lacking.joined(separator: ", ")). "
                + "Déposez-les sur la page « Mes pièces justificatives » : \(uploadPage).")
    }

    /// The desk marks a registered file checked only with every registration piece in it, none refused.
    static func requireForActivation(_ request: HousingRequest, on req: Request) async throws {
        let lacking = try await lacking(in: request, on: req.db, today: req.today)
        guard !lacking.isEmpty else { return }
        throw LogisError(
            .unprocessableEntity, code: .registrationPiecesMissing,
            message: "La demande ne peut pas être marquée vérifiée : pièce obligatoire manquante ou refusée — "
                + "\(lacking.joined(separator: ", ")). Ajoutez-la au dossier, puis vérifiez-la.")
    }

    static let uploadPage = "/mon-espace/pieces"
}
