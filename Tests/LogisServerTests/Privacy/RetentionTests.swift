import Fluent
import Foundation
import LogisCore
import XCTVapor

@testable import LogisServer

final class RetentionTests: XCTestCase {
    /// An instant on a Paris calendar day, `minutes` after its midnight.
    func instant(_ day: CalendarDate, minutes: Int) -> Date {
        day.parisMidnight.addingTimeInterval(TimeInterval(minutes * 60))
    }

    /// A registered request of a new applicant, struck off by them with a comment, at `radiatedAt`.
    func struckOffRequest(_ app: Application, at radiatedAt: Date) async throws -> HousingRequest {
        let (_, id) = try await app.registeredApplicantRequest()
        let request = try await app.storedRequest(id)
        let found = try await Account.find(request.$account.id, on: app.db)
        let applicant = try XCTUnwrap(found)
        var form = request.form
        form.employment?.applicantEmployer = "Boulangerie Martin, Vauvert"
        try await RequestUpdate.save(
            request, form: form, changed: [.situationProfessionnelle], by: applicant, on: app.db)
        try await RequestLifecycle.radiate(
            request, motif: .abandon, comment: "Je pars vivre chez ma sœur à Nîmes.", by: applicant, on: app.db,
            now: radiatedAt)
        request.radiatedAt = radiatedAt
        try await request.save(on: app.db)
        return request
    }

    func testAStruckOffRequestPastTheDelayIsAnonymisedAndOneJustBeforeIsNot() async throws {
        try await withApp(demo: true) { app in
            let today = CalendarDate.today()
            // The last day whose radiations are due today, and the day after it (not yet due).
            let lastDue = RetentionPolicy.lastDueRecordDate(of: .struckOffRequest, today: today)
            let old = try await struckOffRequest(app, at: instant(lastDue, minutes: 23 * 60 + 59))
            let recent = try await struckOffRequest(app, at: instant(lastDue.adding(days: 1), minutes: 1))
            let oldID = try old.requireID()
            let oldNUD = try XCTUnwrap(old.nud)
            let formBefore = old.form
            let wishesBefore = try await RequestWish.query(on: app.db).filter(\.$request.$id == oldID).count()
            let revisions = try await RequestRevision.query(on: app.db).filter(\.$request.$id == oldID).count()
            XCTAssertEqual(revisions, 1)

            // A piece of the old request, on disk.
            let name = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") + ".pdf"
            let path = try DocumentStore.storagePath(for: name, app: app, creatingFolder: true)
            try DocumentsTests.pdf.write(to: URL(fileURLWithPath: path))
            try await RequestDocument(
                requestID: oldID, piece: "piece_identite@0", storedName: name, contentType: "application/pdf",
                size: DocumentsTests.pdf.count, sha256: HexDigest.sha256(DocumentsTests.pdf)
            ).create(on: app.db)
            // Two audit lines on either side of the audit delay.
            let auditLastDue = RetentionPolicy.lastDueRecordDate(of: .auditEntry, today: today)
            for (minutes, day) in [(23 * 60 + 59, auditLastDue), (1, auditLastDue.adding(days: 1))] {
                let entry = AuditEntry(
                    actor: nil, action: .requestRead, target: .request(oldID), outcome: .success, reason: .consultation,
                    requestID: nil)
                entry.occurredAt = instant(day, minutes: minutes)
                try await entry.create(on: app.db)
            }

            let simulation = try await RetentionRun.run(today: today, dryRun: true, app: app)
            XCTAssertEqual(simulation.count(.struckOffRequest), 1)
            XCTAssertEqual(simulation.count(.auditEntry), 1)
            let report = RetentionReport.lines(simulation).joined(separator: "\n")
            XCTAssertTrue(report.contains("rien n’a été modifié"), report)
            XCTAssertTrue(report.contains("demandes radiées à anonymiser : 1"), report)
            XCTAssertTrue(report.contains("décret n° 2017-917"), report)
            let untouched = try await app.storedRequest(oldID)
            XCTAssertEqual(untouched.nud, oldNUD, "a dry run changes nothing")
            XCTAssertTrue(FileManager.default.fileExists(atPath: path))

            let applied = try await RetentionRun.run(today: today, dryRun: false, app: app)
            XCTAssertEqual(applied.count(.struckOffRequest), 1)
            XCTAssertEqual(applied.count(.auditEntry), 1)

            let anonymised = try await app.storedRequest(oldID)
            XCTAssertNotNil(anonymised.anonymisedAt)
            XCTAssertNil(anonymised.nud)
            XCTAssertNil(anonymised.$account.id)
            XCTAssertNil(anonymised.registeredBy, "online, the applicant registered it themselves")
            XCTAssertNil(anonymised.identityKey)
            XCTAssertNil(anonymised.searchName, "the list columns are copies of the identity too")
            XCTAssertNil(anonymised.displayName)
            XCTAssertNil(anonymised.birthDate)
            XCTAssertNil(anonymised.contactEmail)
            XCTAssertNil(anonymised.contactPhone)
            XCTAssertNil(anonymised.radiationComment)
            XCTAssertEqual(anonymised.form.applicant?.lastName, "")
            XCTAssertEqual(anonymised.form.applicant?.firstName, "")
            XCTAssertEqual(anonymised.form.applicant?.birthDate, "")
            XCTAssertEqual(anonymised.form.applicant?.email, "")
            XCTAssertEqual(anonymised.form.applicant?.street, "")
            XCTAssertEqual(anonymised.form.employment?.applicantEmployer, "")
            XCTAssertTrue(anonymised.form.dependents?.people.allSatisfy { $0.firstName.isEmpty } ?? true)
            // What the statistics count is kept.
            XCTAssertEqual(anonymised.status, .radiee)
            XCTAssertEqual(anonymised.radiationMotif, RadiationMotif.abandon.rawValue)
            XCTAssertEqual(anonymised.radiatedAt, old.radiatedAt)
            XCTAssertEqual(anonymised.firstFiledOn, old.firstFiledOn)
            XCTAssertEqual(anonymised.householdPersons, old.householdPersons)
            XCTAssertEqual(anonymised.incomeRFR, old.incomeRFR)
            XCTAssertEqual(anonymised.deskCode, old.deskCode)
            XCTAssertEqual(anonymised.form.resources, formBefore.resources)
            XCTAssertEqual(anonymised.form.wishes, formBefore.wishes)
            XCTAssertEqual(anonymised.form.reasons, formBefore.reasons)
            let wishesAfter = try await RequestWish.query(on: app.db).filter(\.$request.$id == oldID).count()
            XCTAssertEqual(wishesAfter, wishesBefore)
            // Free text, earlier copies and pieces are gone.
            let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == oldID).all()
            XCTAssertFalse(events.isEmpty, "the dated timeline stays")
            XCTAssertTrue(events.allSatisfy { $0.comment == nil && $0.actorAccountID == nil })
            let revisionsAfter = try await RequestRevision.query(on: app.db).filter(\.$request.$id == oldID).count()
            XCTAssertEqual(revisionsAfter, 0)
            let documentsAfter = try await RequestDocument.query(on: app.db).filter(\.$request.$id == oldID).count()
            XCTAssertEqual(documentsAfter, 0)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "the piece's file is deleted")

            // One day short of the delay: untouched.
            let kept = try await app.storedRequest(try recent.requireID())
            XCTAssertNil(kept.anonymisedAt)
            XCTAssertNotNil(kept.nud)
            XCTAssertNotNil(kept.$account.id)
            XCTAssertNotEqual(kept.form.applicant?.lastName, "")
            let keptEvents = try await RequestEvent.query(on: app.db).filter(\.$request.$id == (try recent.requireID()))
                .all()
            XCTAssertTrue(keptEvents.contains { $0.comment == "Je pars vivre chez ma sœur à Nîmes." })

            // The old audit line is deleted, the one a minute younger than the delay kept, and the
            // run itself is audited.
            let tests = try await AuditEntry.query(on: app.db).filter(\.$reason == AuditReason.consultation.text)
                .filter(\.$targetID == oldID.uuidString).all()
            XCTAssertEqual(tests.map(\.occurredAt), [instant(auditLastDue.adding(days: 1), minutes: 1)])
            let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
            XCTAssertTrue(actions.contains("request_anonymised"))
            XCTAssertTrue(actions.contains("retention_applied"))

            let again = try await RetentionRun.run(today: today, dryRun: false, app: app)
            XCTAssertEqual(again.count(.struckOffRequest), 0, "an anonymised request is not counted twice")
        }
    }

    func testLiveRequestsAreNeverDueHoweverOld() async throws {
        try await withApp(demo: true) { app in
            try await app.loadDemoData(requests: true)
            // Generated requests were filed up to four years ago; only the closed ones may be due.
            let report = try await RetentionRun.run(today: .today(), dryRun: true, app: app)
            let live = try await HousingRequest.query(on: app.db).filter(\.$status !~ [.radiee, .satisfaite]).count()
            let closed = try await HousingRequest.query(on: app.db).filter(\.$status ~~ [.radiee, .satisfaite]).count()
            XCTAssertGreaterThan(live, 0)
            XCTAssertLessThanOrEqual(report.count(.struckOffRequest), closed)
            _ = try await RetentionRun.run(today: .today(), dryRun: false, app: app)
            let anonymisedLive = try await HousingRequest.query(on: app.db).filter(\.$status !~ [.radiee, .satisfaite])
                .filter(\.$anonymisedAt != nil).count()
            XCTAssertEqual(anonymisedLive, 0)
            let demo = try await Account.query(on: app.db).filter(\.$email == "demandeur@demo.logis.fr").first()
            let own = try await HousingRequest.query(on: app.db).filter(\.$account.$id == demo?.id).first()
            XCTAssertNotNil(own?.nud, "the demo applicant's live request keeps its NUD")
        }
    }
}
