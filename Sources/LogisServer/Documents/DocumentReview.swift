import Fluent
import Vapor

/// An agent's verdict on a piece, written to the applicant's timeline (the refusal comment is
/// shown to the applicant). The verdict is the piece's: given on any of its files, it is written on
/// each (the recto and the verso of a card are one piece, valid or not together).
enum DocumentReview {
    static func validate(
        _ document: RequestDocument, label: String, by agent: Account, on db: any Database
    )
        async throws
    {
        document.status = .validee
        document.refusalReason = nil
        document.comment = nil
        let form = try await HousingRequest.find(document.$request.id, on: db)?.form ?? RequestForm()
        try await record(
            document, by: agent, on: db, event: .documentValidated,
            text: PieceHistory.line("Pièce validée", label: label, piece: document.pieceFile.piece, in: form))
    }

    static func refuse(
        _ document: RequestDocument, label: String, reason: RequestDocument.RefusalReason, comment: String,
        by agent: Account, on db: any Database
    ) async throws {
        let comment = try TextInput.validated(comment)
        guard !comment.isEmpty else {
            throw LogisError.validation(
                "Expliquez le refus au demandeur dans un commentaire.", code: .refusalCommentRequired)
        }
        document.status = .refusee
        document.refusalReason = reason
        document.comment = String(comment.prefix(500))
        let form = try await HousingRequest.find(document.$request.id, on: db)?.form ?? RequestForm()
        try await record(
            document, by: agent, on: db, event: .documentRefused,
            text: PieceHistory.line(
                "Pièce refusée (\(reason.label.lowercased()))", label: label, piece: document.pieceFile.piece, in: form),
            comment: document.comment,
            message: MessageTexts.pieceRefused(
                piece: label, reason: reason.label.lowercased(), comment: document.comment))
    }

    private static func record(
        _ document: RequestDocument, by agent: Account, on db: any Database, event: RequestEvent.Kind, text: String,
        comment: String? = nil, message: MessageText? = nil
    ) async throws {
        document.reviewedBy = agent.id
        document.reviewedAt = Date()
        let audit = AuditEntry(
            actor: agent, action: .requestChanged, target: .request(document.$request.id), outcome: .success,
            reason: event == .documentValidated ? .pieceValidated : .pieceRefused, requestID: nil)
        let siblings = try await RequestDocument.files(
            of: document.pieceFile.piece, in: document.$request.id, on: db
        ).filter { $0.id != document.id }
        for sibling in siblings {
            sibling.status = document.status
            sibling.refusalReason = document.refusalReason
            sibling.comment = document.comment
            sibling.reviewedBy = document.reviewedBy
            sibling.reviewedAt = document.reviewedAt
        }
        try await db.transaction { db in
            try await document.save(on: db)
            for sibling in siblings { try await sibling.save(on: db) }
            try await audit.create(on: db)
            try await RequestEvent(
                requestID: document.$request.id, kind: event, label: text, comment: comment, actor: agent
            ).create(on: db)
            if let message, let reviewedAt = document.reviewedAt {
                // A piece may be refused again after a new upload: one message per refusal.
                let key = "piece-refused:\(try document.requireID()):\(Int(reviewedAt.timeIntervalSince1970))"
                try await RequestMessages.enqueue(
                    message, about: document.$request.id, key: key, now: reviewedAt, on: db)
            }
        }
    }
}
