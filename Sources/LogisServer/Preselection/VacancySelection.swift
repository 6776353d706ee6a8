import Fluent
import LogisCore
import Vapor

/// Keeping the candidates of a vacancy for the commission (DOMAIN.md §8, seed 003: « le bailleur
/// présélectionne … 3 dossiers »): three, in ranking order; fewer only with a written
/// justification or with a DALO candidate; a request other than the first of the ranking only
/// with a justification. The kept requests become `en_instruction` and leave every other ranking.
enum VacancySelection {
    static let maximumLength = 2_000

    static func error(
        _ code: ErrorCode, _ message: String, status: HTTPResponseStatus = .unprocessableEntity
    )
        -> LogisError
    {
        LogisError(status, code: code, message: message)
    }

    /// - Parameter nuds: the kept requests, in the order they go to the commission.
    static func select(
        _ nuds: [String], justification raw: String?, for vacancy: Vacancy, on req: Request
    ) async throws -> [VacancyCandidate] {
        let agent = try req.requireAccount()
        guard vacancy.status.isSelectable, vacancy.selectedAt == nil else { throw VacancyActions.alreadySelected }
        guard agent.$organisation.id == (try await VacancyScope.proposer(of: vacancy, on: req.db)) else {
            throw VacancyScope.notProposer
        }
        let justification = try TextInput.validated(raw ?? "")
        guard justification.count <= maximumLength else {
            throw error(.justificationTooLong, "La justification ne peut pas dépasser 2 000 caractères.")
        }
        let wanted = nuds.map { $0.uppercased().filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
        guard (1...Preselection.defaultCount).contains(wanted.count) else {
            throw error(.candidateCount, "Retenez entre 1 et 3 candidatures pour ce logement.")
        }
        guard Set(wanted).count == wanted.count else {
            throw error(.duplicateCandidate, "Une même demande ne peut être retenue qu’une fois.")
        }
        let dwelling = try VacancyActions.coreDwelling(of: vacancy)
        let first = try await PreselectionQuery.top(
            Preselection.defaultCount, for: dwelling, dwellingID: vacancy.$dwelling.id, on: req.db
        ).map {
            $0.nud
        }
        var kept: [(HousingRequest, CandidateExplanation)] = []
        for nud in wanted {
            let explanation = try await VacancyActions.explanation(of: nud, for: vacancy, on: req)
            if let exclusion = explanation.exclusion {
                throw error(.candidateExcluded, "La demande \(nud) ne peut pas être retenue : \(exclusion.label).")
            }
            guard explanation.outcome != .notRanked,
                let request = try await HousingRequest.query(on: req.db).filter(\.$nud == nud).first()
            else {
                throw error(.candidateNotWaiting, "La demande \(nud) n’est pas en attente d’un logement.")
            }
            kept.append((request, explanation))
        }
        let swapped = wanted.contains { !first.contains($0) }
        let hasDalo = try kept.contains { try $0.0.priorityCriteria().contains(.dalo) }
        if justification.isEmpty {
            if swapped {
                throw error(
                    .swapJustificationRequired,
                    "Vous retenez une demande qui n’est pas parmi les premières du classement : justifiez ce choix.")
            }
            if wanted.count < Preselection.defaultCount, !hasDalo {
                throw error(
                    .selectionJustificationRequired,
                    "Moins de 3 candidatures sont retenues sans candidat DALO : justifiez ce choix.")
            }
        }
        return try await save(kept, justification: justification, first: first, vacancy: vacancy, on: req)
    }

    private static func save(
        _ kept: [(HousingRequest, CandidateExplanation)], justification: String, first: [String], vacancy: Vacancy,
        on req: Request
    ) async throws -> [VacancyCandidate] {
        let agent = try req.requireAccount()
        let now = req.now
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try await req.db.transaction { db in
            // Claimed first, with a write: of two selections sent at once, one claims the vacancy
            // and the other finds it taken, whatever the checks above saw.
            guard try await claim(vacancy, at: now, on: db) else { throw VacancyActions.alreadySelected }
            var rows: [VacancyCandidate] = []
            for (position, (request, explanation)) in kept.enumerated() {
                let row = VacancyCandidate()
                row.$vacancy.id = try vacancy.requireID()
                row.requestID = try request.requireID()
                row.nud = explanation.nud
                row.position = position + 1
                row.score = explanation.score
                row.origin = first.contains(explanation.nud) ? .ranking : .swappedIn
                row.justification = justification.isEmpty ? nil : justification
                row.explanation = String(decoding: try encoder.encode(explanation), as: UTF8.self)
                row.selectedBy = try agent.requireID()
                row.selectedAt = now
                try await row.create(on: db)
                rows.append(row)
                guard try await claimWaiting(request, on: db) else {
                    throw error(.candidateNotWaiting, "La demande \(row.nud) n’est plus en attente d’un logement.")
                }
                try request.apply(.select, by: agent.role.requestActor)
                try await request.save(on: db)
                try await RequestEvent(
                    requestID: row.requestID, kind: .candidate,
                    label: "Votre demande est présentée pour un logement \(vacancy.dwelling.typology) à "
                        + "\(vacancy.dwelling.residence.commune.name) : la commission d’attribution (CALEOL) l’examinera.",
                    actor: agent
                ).create(on: db)
                try await req.audit(
                    .requestChanged, target: .request(row.requestID), reason: .candidateKept,
                    in: db)
            }
            vacancy.selectionJustification = justification.isEmpty ? nil : justification
            vacancy.selectedAt = now
            try await vacancy.save(on: db)
            return rows
        }
    }
}
