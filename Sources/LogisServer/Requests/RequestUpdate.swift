import Fluent
import Vapor

/// Saves a change of the form. On a registered request every change is kept in the timeline
/// ("Mise à jour") and the searchable columns follow the form.
enum RequestUpdate {
    static func save(
        _ request: HousingRequest, form: RequestForm, changed steps: [WizardStep], by actor: Account,
        on db: any Database
    ) async throws {
        guard form != request.form else { return }
        let previous = request.form
        try await db.transaction { db in
            request.form = form
            request.syncSearchColumns()
            try await request.save(on: db)
            guard request.status.isRegistered else { return }
            let requestID = try request.requireID()
            try await RequestRevision(
                requestID: requestID, previousForm: previous, sections: steps, changedBy: actor.id
            )
            .create(on: db)
            if steps.contains(.logementRecherche), let wishes = form.wishes {
                let communes = try await Commune.query(on: db).filter(\.$inseeCode ~~ wishes.communeCodes).all()
                try await RequestRegistration.replaceWishes(
                    of: requestID, with: wishes.communeCodes, communes: communes, on: db)
            }
            let sections = steps.map { $0.title.lowercased() }.joined(separator: " ; ")
            try await RequestEvent(
                requestID: requestID, kind: .updated, label: "Mise à jour : \(sections).", actor: actor
            )
            .create(on: db)
        }
    }
}
