import Fluent
import LogisCore
import Vapor
import ZIPFoundation

/// The applicant's copy of their data (RGPD article 15, and the portable format of article 20):
/// one zip with `mes-donnees.json`, `LISEZMOI.txt` and their pieces. One implementation for the
/// espace personnel and the API; each export is written to the audit log.
enum PersonalDataExport {
    static let jsonName = "mes-donnees.json"
    static let readmeName = "LISEZMOI.txt"

    static func response(for account: Account, on req: Request, channel: String) async throws -> Response {
        let zip = try await archive(for: account, on: req)
        try await req.audit(.personalDataExported, target: .account(account.id), reason: .exported(via: channel))
        let response = Response(status: .ok, body: .init(data: zip))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        let day = req.today.iso
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"mes-donnees-logis-\(day).zip\"")
        return response
    }

    static func archive(for account: Account, on req: Request) async throws -> Data {
        let accountID = try account.requireID()
        let requests = try await HousingRequest.query(on: req.db).filter(\.$account.$id == accountID)
            .sort(\.$createdAt, .ascending).all()
        let archive = try Archive(accessMode: .create)
        var parts: [PersonalDataDocument.RequestPart] = []
        for request in requests {
            parts.append(try await part(of: request, applicant: accountID, adding: archive, on: req))
        }
        let sessions = try await AuthSession.query(on: req.db).filter(\.$account.$id == accountID)
            .sort(\.$createdAt, .ascending).all()
            .map { PersonalDataDocument.SessionPart(kind: $0.kind, createdAt: $0.createdAt, expiresAt: $0.expiresAt) }
        var document = PersonalDataDocument(
            generatedAt: req.now,
            account: .init(
                id: account.id, email: account.email, displayName: account.displayName, role: account.role.rawValue,
                roleLabel: account.role.label, createdAt: account.createdAt, updatedAt: account.updatedAt),
            sessions: sessions, requests: parts,
            auditEntries: try await PersonalDataAudit.entries(
                about: accountID, requests: requests.compactMap(\.id), on: req.db))
        document.messageChannels = try await ChannelPreference.of(accountID, on: req.db).map(ChannelChoice.init)
        try archive.addEntry(named: jsonName, data: try PersonalDataDocument.encoder().encode(document))
        try archive.addEntry(named: readmeName, data: Data(readme.utf8))
        guard let data = archive.data else { throw LogisError.internalError }
        return data
    }

    private static func part(
        of request: HousingRequest, applicant: UUID, adding archive: Archive, on req: Request
    ) async throws -> PersonalDataDocument.RequestPart {
        let id = try request.requireID()
        let territory = try await request.$territory.get(on: req.db)?.name
        let wishes = try await RequestWish.query(on: req.db).filter(\.$request.$id == id).with(\.$commune)
            .sort(\.$rank).all().map { PersonalDataDocument.WishPart(rank: $0.rank, commune: $0.commune.name) }
        let timeline = try await RequestEvent.query(on: req.db).filter(\.$request.$id == id)
            .sort(\.$occurredAt).all()
            .map {
                PersonalDataDocument.EventPart(
                    occurredAt: $0.occurredAt, kind: $0.kind.rawValue, label: $0.label, comment: $0.comment,
                    byYou: $0.actorAccountID == applicant, actorRole: $0.actorRole)
            }
        let revisions = try await RequestRevision.query(on: req.db).filter(\.$request.$id == id)
            .sort(\.$changedAt).all()
            .map {
                PersonalDataDocument.RevisionPart(
                    changedAt: $0.changedAt, sections: $0.sections.split(separator: ",").map(String.init),
                    byYou: $0.changedBy == applicant, previousForm: $0.previousForm)
            }
        let folder = "pieces/" + (request.nud ?? "demande-\(id.uuidString.prefix(8).lowercased())") + "/"
        var documents: [PersonalDataDocument.DocumentPart] = []
        for document in try await RequestDocument.query(on: req.db).filter(\.$request.$id == id).sort(\.$piece).all() {
            documents.append(try await piece(document, into: folder, of: archive, on: req))
        }
        let flags = try await PriorityFlag.query(on: req.db).filter(\.$request.$id == id).sort(\.$setAt).all()
            .map {
                PersonalDataDocument.PriorityPart(
                    criterion: $0.criterion, decidedOn: $0.decidedOn, reference: $0.reference, comment: $0.comment,
                    setAt: $0.setAt)
            }
        return PersonalDataDocument.RequestPart(
            id: id, nud: request.nud, status: request.status.rawValue, statusLabel: request.status.label,
            territory: territory, firstFiledOn: request.firstFiledOn, registeredAt: request.registeredAt,
            renewals: request.renewals, deskCode: request.deskCode, attestationSentAt: request.attestationSentAt,
            radiationMotif: request.radiationMotif, radiatedAt: request.radiatedAt,
            radiationComment: request.radiationComment, score: request.score, gridVersion: request.gridVersion,
            priorities: request.priorities, validatedCriteria: request.validatedCriteria,
            duplicateKey: request.identityKey, contactEmail: request.contactEmail, contactPhone: request.contactPhone,
            createdAt: request.createdAt, updatedAt: request.updatedAt, form: request.form, wishes: wishes,
            timeline: timeline, revisions: revisions, documents: documents, priorityFlags: flags)
    }

    /// Adds the piece's file under a readable name (`piece_identite-0.pdf`, then
    /// `piece_identite-0-fichier-2.pdf` for its second file); a file missing on
    /// disk leaves its metadata in the JSON with `file: null` rather than failing the whole export.
    private static func piece(
        _ document: RequestDocument, into folder: String, of archive: Archive, on req: Request
    ) async throws -> PersonalDataDocument.DocumentPart {
        let fileExtension = URL(fileURLWithPath: document.storedName).pathExtension
        let name = folder + document.pieceFile.fileName + "." + fileExtension
        var file: String?
        if let buffer = try? await DocumentStore.contents(of: document, on: req) {
            try archive.addEntry(named: name, data: Data(buffer: buffer), compressed: false)
            file = name
        }
        return PersonalDataDocument.DocumentPart(
            piece: document.pieceFile.piece, part: document.pieceFile.part, status: document.status.rawValue,
            statusLabel: document.status.label,
            refusalReason: document.refusalReason?.rawValue, comment: document.comment,
            contentType: document.contentType, size: document.size, sha256: document.sha256,
            uploadedAt: document.uploadedAt, reviewedAt: document.reviewedAt, file: file)
    }

    static let readme = """
        Vos données personnelles dans Logis
        ===================================

        Cette archive contient une copie de toutes les données que Logis conserve sur votre compte
        (article 15 du règlement général sur la protection des données), dans un format lisible par
        un programme (article 20).

        - mes-donnees.json : votre compte (sans votre mot de passe), vos sessions de connexion, chacune
          de vos demandes de logement social avec vos réponses au formulaire Cerfa 14069*05, les
          communes souhaitées, l’historique, les versions précédentes de vos réponses, la liste de vos
          pièces justificatives et leur vérification, vos statuts prioritaires, et le journal des
          consultations et actions concernant votre compte ou vos demandes (date, rôle et guichet de
          l’agent, motif).
        - pieces/ : les fichiers de vos pièces justificatives, un dossier par demande (son numéro unique).

        Les dates sont en temps universel (UTC), au format ISO 8601. Les codes (statut, motif, pièce)
        sont accompagnés de leur libellé en français.

        Pour faire corriger une information : mettez à jour votre demande depuis votre espace, ou
        adressez-vous à votre guichet enregistreur. Vos droits et les durées de conservation sont
        expliqués sur la page « Données personnelles et confidentialité » (/confidentialite).
        """
}
