import Fluent
import Vapor

/// Turns a struck-off request past its retention delay into a statistical record
/// (docs/rules/retention.md): the household can no longer be named, found or contacted, and what
/// the observatory and the average waits count (dates, status, composition, incomes, typology,
/// wished communes, score, priority criteria) is kept.
enum RequestAnonymisation {
    static func anonymise(_ request: HousingRequest, app: Application, now: Date) async throws {
        let id = try request.requireID()
        let applicant = request.$account.id
        let documents = try await RequestDocument.query(on: app.db).filter(\.$request.$id == id).all()
        let outgoing = documents.map { PendingFile(storedName: $0.storedName, createdAt: now) }
        try await app.db.transaction { db in
            request.form = request.form.anonymised()
            // The list columns (M0013) are copies of the name and birth date.
            request.searchName = nil
            request.displayName = nil
            request.birthDate = nil
            // The NUD, the duplicate key and the contacts lead back to the person in other systems.
            request.nud = nil
            request.identityKey = nil
            request.contactEmail = nil
            request.contactPhone = nil
            request.claimCodeHash = nil
            request.radiationComment = nil
            request.$account.id = nil
            // Online, the applicant registers their own request: their account id must go too.
            if let applicant, request.registeredBy == applicant { request.registeredBy = nil }
            if let applicant, request.createdBy == applicant { request.createdBy = nil }
            request.anonymisedAt = now
            try await request.save(on: db)
            // The timeline keeps its dated, generated labels; comments are free text and the
            // actors' ids would tell whose request it was.
            try await RequestEvent.query(on: db).filter(\.$request.$id == id)
                .set(\.$comment, to: nil).set(\.$actorAccountID, to: nil).update()
            // Revisions are whole earlier copies of the answers.
            try await RequestRevision.query(on: db).filter(\.$request.$id == id).delete()
            for pending in outgoing { try await pending.create(on: db) }
            try await RequestDocument.query(on: db).filter(\.$request.$id == id).delete()
            try await PriorityFlag.query(on: db).filter(\.$request.$id == id)
                .set(\.$reference, to: nil).set(\.$comment, to: nil).set(\.$evidenceDocumentID, to: nil).update()
            try await AuditEntry(
                actor: nil, action: .requestAnonymised, target: .request(id), outcome: .success,
                reason: .retention, requestID: nil
            ).create(on: db)
        }
        // Files go once the rows that point to them are gone; after a crash here, the journal
        // (PendingFile) has them removed at the next start.
        try await PendingFile.sweep(app, now: now, only: outgoing)
    }
}
