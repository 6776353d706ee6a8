import Fluent
import LogisCore
import LogisPDF
import Vapor

/// Demo requests: the demo applicant's own request in Vauvert (registered ten months ago, with
/// pieces validated and one refused), and a few hundred generated requests per territory so that
/// positions, waits and the observatory have something real to show.
enum DemoRequests {
    static let generatedPerTerritory = 300

    static func load(on app: Application, today: CalendarDate) async throws {
        try await loadApplicantRequest(on: app, today: today)
        let territories = try await Territory.query(on: app.db).with(\.$communes).all()
        var households = DemoHouseholds(seed: 20_261_123)
        for territory in territories {
            let existing = try await HousingRequest.query(on: app.db).filter(
                \.$territory.$id == (try territory.requireID())
            )
            .filter(\.$account.$id == nil).count()
            guard existing == 0 else { continue }
            try await generate(for: territory, households: &households, on: app, today: today)
        }
    }

    private static func generate(
        for territory: Territory, households: inout DemoHouseholds, on app: Application, today: CalendarDate
    ) async throws {
        let territoryID = try territory.requireID()
        let communes = try await CommuneList.load(on: app.db).entries.filter { $0.territoryID == territoryID }
        guard !communes.isEmpty, let enregistreur = try await demoAgent(on: app.db) else { return }
        let desks = try await Guichet.query(on: app.db).filter(\.$territory.$id == territoryID)
            .filter(\.$kind == Guichet.Kind.enregistrement.rawValue).all().compactMap(\.deskCode)
        for _ in 0..<generatedPerTerritory {
            let filed = today.adding(days: -households.int(1...1_400))
            let request = HousingRequest(accountID: nil, form: households.form(communes: communes, today: filed))
            try await request.create(on: app.db)
            try await RequestRegistration.register(
                request, deskCode: households.pick(desks.isEmpty ? ["GDPUB"] : desks), by: enregistreur, on: app.db,
                today: filed, now: filed.startOfDayDate, notify: false)
            // Households renew every year; about one in twenty forgot, so the striking-off queue has work.
            let years = max(0, filed.fullMonths(until: today) / 12)
            request.renewals = households.chance(95) ? years : max(0, years - 1)
            // Older paper requests had their attestation sent; the most recent still wait in the queue.
            if filed.days(since: today) < -40 { request.attestationSentAt = filed.startOfDayDate }
            // Seed 003: about 5 pending requests for 1 attribution a year in Petite Camargue. About one
            // request in four filed more than three months ago was satisfied within the last
            // two years, which gives the observatory that ratio and applicants an average wait.
            let age = today.dayNumber - filed.dayNumber
            if age > 90, households.chance(24) {
                request.status = .satisfaite
                request.radiationMotif = RadiationMotif.attribution.rawValue
                request.radiatedAt = today.adding(days: -households.int(0...min(729, age - 90))).startOfDayDate
            } else {
                try request.apply(.activate, by: .registeringDesk)
            }
            request.syncSearchColumns()
            try await request.save(on: app.db)
            try await RequestCotation.refresh(request, on: app.db, app: app)
            try await renewalEvents(of: request, filed: filed, today: today, on: app.db)
        }
    }

    /// One timeline line per renewal, three weeks before each anniversary, so the observatory's
    /// monthly series has something to show.
    private static func renewalEvents(
        of request: HousingRequest, filed: CalendarDate, today: CalendarDate, on db: any Database
    ) async throws {
        guard request.renewals > 0 else { return }
        let events = try (1...request.renewals).compactMap { year -> RequestEvent? in
            let day = filed.adding(years: year).adding(days: -21)
            guard day <= today else { return nil }
            let event = RequestEvent(
                requestID: try request.requireID(), kind: .renewed, label: "Demande renouvelée ; ancienneté conservée.",
                actor: nil)
            event.occurredAt = day.startOfDayDate
            return event
        }
        guard !events.isEmpty else { return }
        try await events.create(on: db)
    }

    private static func demoAgent(on db: any Database) async throws -> Account? {
        try await Account.query(on: db).filter(\.$email == DemoData.email(for: .enregistreur)).first()
    }

    /// `demandeur@demo.logis.fr`: a family of four in Vauvert, registered ten months ago (so the
    /// "Renouveler" button shows), two pieces validated and one refused with a comment.
    private static func loadApplicantRequest(on app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard
            let applicant = try await Account.query(on: db).filter(\.$email == DemoData.email(for: .demandeur)).first(),
            let agent = try await demoAgent(on: db)
        else { return }
        let applicantID = try applicant.requireID()
        guard try await HousingRequest.query(on: db).filter(\.$account.$id == applicantID).count() == 0 else { return }
        let communes = try await CommuneList.load(on: db)
        var form = RequestForm()
        for (slug, fields) in DemoApplicant.steps {
            _ = WizardStep(rawValue: slug)?.apply(fields, to: &form, communes: communes, today: today)
        }
        let filed = today.adding(months: -10)
        let request = HousingRequest(accountID: applicantID, form: form)
        try await request.create(on: db)
        try await RequestRegistration.register(
            request, deskCode: "GDPUB", by: applicant, on: db, today: filed, now: filed.startOfDayDate, notify: false)
        try request.apply(.activate, by: .registeringDesk)
        try await request.save(on: db)
        try await RequestEvent.query(on: db).filter(\.$request.$id == (try request.requireID()))
            .set(\.$occurredAt, to: filed.startOfDayDate).update()
        try await RequestCotation.refresh(request, on: db, app: app)
        for (piece, verdict) in DemoApplicant.pieces {
            try await addPiece(
                piece, verdict: verdict, to: request, applicant: applicant, agent: agent, app: app, today: today)
        }
    }

    private static func addPiece(
        _ piece: String, verdict: DemoApplicant.Verdict, to request: HousingRequest, applicant: Account,
        agent: Account, app: Application, today: CalendarDate
    ) async throws {
        guard let required = try ChecklistView.requiredPiece(piece, of: request, today: today) else { return }
        var layout = PDFLayout()
        layout.title("Document de démonstration")
        layout.paragraph("\(required.label) – pièce fictive générée pour la démonstration de Logis.")
        let data = layout.document(info: PDFDocumentInfo(title: required.label)).data()
        let name = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") + ".pdf"
        let path = try DocumentStore.storagePath(for: name, app: app, creatingFolder: true)
        try data.write(to: URL(fileURLWithPath: path))
        let document = RequestDocument(
            requestID: try request.requireID(), piece: piece, storedName: name, contentType: "application/pdf",
            size: data.count, sha256: HexDigest.sha256(data))
        try await document.create(on: app.db)
        try await RequestEvent(
            requestID: try request.requireID(), kind: .documentUploaded,
            label: PieceHistory.line("Pièce déposée", label: required.label, piece: piece, in: request.form),
            actor: applicant
        ).create(on: app.db)
        switch verdict {
        case .pending: return
        case .validated:
            try await DocumentReview.validate(document, label: required.label, by: agent, on: app.db)
        case .refused(let reason, let comment):
            try await DocumentReview.refuse(
                document, label: required.label, reason: reason, comment: comment, by: agent, on: app.db)
        }
    }
}

extension CalendarDate {
    /// Noon in Paris of this day, as a point in time (for timestamps of demo events).
    var startOfDayDate: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) ?? Date()
    }
}
